using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>Settles by lock token: used for messages received by sequence number and as the SDK's link fallback.</summary>
internal sealed class UpdateDispositionOperation : IManagementOperation
{
    public string Name => "com.microsoft:update-disposition";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var status = request.Required<string>("disposition-status");
        var properties = ReceiverLinkHandler.ToProperties(request.Get("properties-to-modify") as AmqpMap);
        var sessionId = request.Get("session-id") as string;
        foreach (var lockToken in request.LockTokens())
        {
            switch (status)
            {
                case "completed":
                    request.Entity.Complete(lockToken, sessionId);
                    break;
                case "abandoned":
                    request.Entity.Abandon(lockToken, properties, sessionId);
                    break;
                case "defered":
                case "deferred":
                    request.Entity.Defer(lockToken, properties, sessionId);
                    break;
                case "suspended":
                    request.Entity.DeadLetter(
                        lockToken, request.Get("deadletter-reason") as string, request.Get("deadletter-description") as string, properties, sessionId);
                    break;
                default:
                    throw new ManagementException(400, ErrorConditions.ArgumentError, $"Unknown disposition-status '{status}'.");
            }
        }

        return ManagementResponse.Ok;
    }
}
