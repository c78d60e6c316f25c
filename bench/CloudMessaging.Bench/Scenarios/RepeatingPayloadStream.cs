namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// A forward-only payload of a given length that, like an HTTP request body, does not tell its length: one
/// random megabyte repeated. Producing it costs a memory copy, so the source never limits the measured rate.
/// </summary>
internal sealed class RepeatingPayloadStream(long length) : Stream
{
    private static readonly byte[] Block = CreateBlock();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        var written = 0;
        while (written < count)
        {
            var offsetInBlock = (int)((_position + written) % Block.Length);
            var chunk = Math.Min(count - written, Block.Length - offsetInBlock);
            Block.AsSpan(offsetInBlock, chunk).CopyTo(buffer[written..]);
            written += chunk;
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] CreateBlock()
    {
        var block = new byte[1024 * 1024];
        new Random(1234).NextBytes(block);
        return block;
    }
}
