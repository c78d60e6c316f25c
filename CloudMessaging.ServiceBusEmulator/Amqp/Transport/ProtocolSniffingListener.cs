using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Transport;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Transport;

/// <summary>
/// One port for AMQP and the administration API: each accepted TCP connection's first byte decides. The AMQP
/// protocol header starts with 'A', which no HTTP method does; such a connection goes on to the AMQP listener as
/// usual, any other one is handed to <paramref name="httpConnection"/> as a stream that starts with that byte.
/// </summary>
internal sealed class ProtocolSniffingListener(TcpTransportSettings tcp, Action<Stream> httpConnection) : TransportListener("sniffing-listener")
{
    private static readonly TimeSpan FirstByteTimeout = TimeSpan.FromSeconds(30);

    private readonly TcpTransportListener _inner = (TcpTransportListener)tcp.CreateListener();

    protected override void OnListen() => _inner.Listen(OnTcpAccepted);

    protected override bool CloseInternal()
    {
        _inner.Close();
        return true;
    }

    protected override void AbortInternal() => _inner.Abort();

    private void OnTcpAccepted(TransportListener listener, TransportAsyncCallbackArgs accepted)
    {
        if (accepted.Exception is not null)
        {
            OnTransportAccepted(accepted);
            return;
        }

        _ = SniffAsync(accepted.Transport);
    }

    private async Task SniffAsync(TransportBase transport)
    {
        byte first;
        try
        {
            first = await ReadFirstByteAsync(transport).WaitAsync(FirstByteTimeout);
        }
        catch (Exception)
        {
            transport.Abort();
            return;
        }

        if (first == (byte)'A')
        {
            OnTransportAccepted(new TransportAsyncCallbackArgs { Transport = new CoalescingTransport(new SniffedTransport(transport, first)), CompletedSynchronously = false });
        }
        else
        {
            httpConnection(new SniffedHttpStream(transport, first));
        }
    }

    private static async Task<byte> ReadFirstByteAsync(TransportBase transport)
    {
        var buffer = new byte[1];
        return await TransportIo.ReadAsync(transport, buffer, 0, 1) == 1
            ? buffer[0]
            : throw new EndOfStreamException("The connection closed before sending anything.");
    }
}
