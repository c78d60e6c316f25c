using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class PeekMessageOperation : IManagementOperation
{
    public string Name => "com.microsoft:peek-message";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var from = Convert.ToInt64(request.Get("from-sequence-number") ?? 1L);
        var count = Math.Min(Convert.ToInt32(request.Get("message-count") ?? 1), NodeLimits.MaxPeekCount);
        var peeked = request.Entity.Peek(from, count, request.Get("session-id") as string);
        if (peeked.Count == 0)
        {
            return ManagementResponse.NoContent;
        }

        // An AMQP list (not an array) of maps: the SDK casts to a list.
        // Fewer than asked for is a valid answer: the client peeks on from the last sequence number it got.
        var messages = new List<object>(peeked.Count);
        var bytes = 0L;
        foreach (var delivery in peeked)
        {
            var encoded = MessageCodec.Encode(delivery, includeLock: false);
            bytes += encoded.Count;
            if (messages.Count > 0 && bytes > NodeLimits.MaxPeekResponseBytes)
            {
                break;
            }

            messages.Add(new AmqpMap { { ManagementRequest.Key("message"), encoded } });
        }

        return ManagementResponse.WithBody(new() { { ManagementRequest.Key("messages"), messages } });
    }
}
