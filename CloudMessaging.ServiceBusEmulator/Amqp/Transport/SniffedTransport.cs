using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Transport;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Transport;

/// <summary>
/// A TCP transport whose first byte was read to tell AMQP from HTTP: the first read hands that byte back, every
/// later read and write goes straight to the TCP transport, so frames are never copied.
/// </summary>
internal sealed class SniffedTransport(TransportBase inner, byte firstByte) : TransportBase("sniffed")
{
    private bool _firstByteReturned;

    public override string LocalEndPoint => inner.LocalEndPoint;

    public override string RemoteEndPoint => inner.RemoteEndPoint;

    public override void SetMonitor(ITransportMonitor usageMeter) => inner.SetMonitor(usageMeter);

    public override bool WriteAsync(TransportAsyncCallbackArgs args) => inner.WriteAsync(args);

    public override bool ReadAsync(TransportAsyncCallbackArgs args)
    {
        if (_firstByteReturned)
        {
            return inner.ReadAsync(args);
        }

        // The protocol header is read into a plain buffer; completing synchronously with one byte is allowed.
        _firstByteReturned = true;
        args.Buffer[args.Offset] = firstByte;
        args.BytesTransfered = 1;
        args.CompletedSynchronously = true;
        return false;
    }

    protected override bool OpenInternal() => true;

    protected override bool CloseInternal()
    {
        inner.Close();
        return true;
    }

    protected override void AbortInternal() => inner.Abort();
}
