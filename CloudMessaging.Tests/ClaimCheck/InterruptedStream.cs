namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>
/// Passes reads through until <paramref name="interruptAt"/> bytes were delivered, then runs
/// <paramref name="interrupt"/> (throw as a dropped connection does, or cancel a token as ASP.NET Core's
/// RequestAborted does) and honours the read's cancellation token from then on.
/// </summary>
public sealed class InterruptedStream(Stream inner, long interruptAt, Action interrupt) : ForwardOnlyReadStream
{
    private long _position;
    private bool _interrupted;

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= interruptAt && !_interrupted)
        {
            _interrupted = true;
            interrupt();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var allowed = _interrupted ? buffer.Length : (int)Math.Min(buffer.Length, interruptAt - _position);
        var read = await inner.ReadAsync(buffer[..allowed], cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
