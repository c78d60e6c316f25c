using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>Receives deferred messages; in PeekLock they are locked and settled later through update-disposition.</summary>
internal sealed class ReceiveBySequenceNumberOperation : IManagementOperation
{
    public string Name => "com.microsoft:receive-by-sequence-number";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var sequenceNumbers = request.SequenceNumbers("sequence-numbers");
        var mode = Convert.ToUInt32(request.Get("receiver-settle-mode") ?? 1u) == 0 ? ReceiveMode.ReceiveAndDelete : ReceiveMode.PeekLock;
        var deliveries = request.Entity.ReceiveDeferred(sequenceNumbers, mode, request.Get("session-id") as string);
        var messages = new List<object>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            var entry = new AmqpMap { { ManagementRequest.Key("message"), MessageCodec.Encode(delivery, mode == ReceiveMode.PeekLock) } };
            if (mode == ReceiveMode.PeekLock)
            {
                entry.Add(ManagementRequest.Key("lock-token"), delivery.LockToken);
            }

            messages.Add(entry);
        }

        return ManagementResponse.WithBody(new() { { ManagementRequest.Key("messages"), messages } });
    }
}
