using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class PeekMessageOperation : IManagementOperation
{
    public string Name => "com.microsoft:peek-message";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var from = Convert.ToInt64(request.Get("from-sequence-number") ?? 1L);
        var count = Convert.ToInt32(request.Get("message-count") ?? 1);
        var peeked = request.Entity.Peek(from, count, request.Get("session-id") as string);
        if (peeked.Count == 0)
        {
            return ManagementResponse.NoContent;
        }

        // An AMQP list (not an array) of maps: the SDK casts to a list.
        var messages = new List<object>(peeked.Count);
        foreach (var delivery in peeked)
        {
            messages.Add(new AmqpMap { { ManagementRequest.Key("message"), MessageCodec.Encode(delivery, includeLock: false) } });
        }

        return ManagementResponse.WithBody(new() { { ManagementRequest.Key("messages"), messages } });
    }
}
