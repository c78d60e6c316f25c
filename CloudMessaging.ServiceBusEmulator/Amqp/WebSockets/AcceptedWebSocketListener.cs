using System.Net.WebSockets;
using Microsoft.Azure.Amqp.Transport;

namespace CloudMessaging.ServiceBusEmulator.Amqp.WebSockets;

/// <summary>
/// Hands WebSockets accepted by the HTTP server to the AMQP listener as transports, which then runs SASL and AMQP
/// over them exactly as over TCP. Microsoft.Azure.Amqp 2.7 has no server-side WebSocket listener of its own.
/// </summary>
internal sealed class AcceptedWebSocketListener() : TransportListener("websocket")
{
    /// <summary>Runs the AMQP connection over the socket; completes when the transport closes.</summary>
    public Task ServeAsync(WebSocket socket, Uri address)
    {
        var transport = new WebSocketTransport(socket, address);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Closed += (_, _) => closed.TrySetResult();
        OnTransportAccepted(new TransportAsyncCallbackArgs { Transport = transport, CompletedSynchronously = false });
        return closed.Task;
    }

    protected override void OnListen()
    {
        // Nothing to bind: the HTTP server accepts the sockets.
    }
}
