using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class ScheduleMessageOperation(long maxMessageSize) : IManagementOperation
{
    public string Name => "com.microsoft:schedule-message";

    public ManagementResponse Execute(ManagementRequest request)
    {
        if (request.Get("messages") is not IEnumerable<object> entries)
        {
            throw new ManagementException(400, ErrorConditions.ArgumentError, "The request needs 'messages' as a list.");
        }

        var messages = new List<BrokerMessage>();
        foreach (var entry in entries)
        {
            if (entry is not AmqpMap map || map[ManagementRequest.Key("message")] is not ArraySegment<byte> encoded)
            {
                throw new ManagementException(400, ErrorConditions.ArgumentError, "Each scheduled message needs a 'message' binary.");
            }

            if (encoded.Count > maxMessageSize)
            {
                throw new BrokerException(BrokerError.MessageSizeExceeded, $"The message of {encoded.Count} bytes exceeds the limit of {maxMessageSize} bytes.");
            }

            messages.Add(MessageCodec.Decode(encoded.AsSpan().ToArray()));
        }

        // Under a transaction the numbers are reserved now and the messages stored at commit.
        var sequenceNumbers = request.Transaction is { } transaction
            ? transaction.StageSchedule(request.ScheduleTarget, messages)
            : request.ScheduleTarget.Schedule(messages);
        return ManagementResponse.WithBody(new() { { ManagementRequest.Key("sequence-numbers"), sequenceNumbers } });
    }
}
