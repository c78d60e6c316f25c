using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Transport;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Transport;

/// <summary>An HTTP connection as a stream: it first gives back the byte read to tell the protocols apart.</summary>
internal sealed class SniffedHttpStream(TransportBase transport, byte firstByte) : Stream
{
    private bool _firstByteReturned;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (!_firstByteReturned && count > 0)
        {
            _firstByteReturned = true;
            buffer[offset] = firstByte;
            return Task.FromResult(1);
        }

        return TransportIo.ReadAsync(transport, buffer, offset, count).WaitAsync(cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        TransportIo.WriteAsync(transport, buffer, offset, count).WaitAsync(cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            transport.SafeClose();
        }

        base.Dispose(disposing);
    }
}
