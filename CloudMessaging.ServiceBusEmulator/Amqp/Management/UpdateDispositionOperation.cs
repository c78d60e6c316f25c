using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>
/// Settles by lock token: used for messages received by sequence number and as the SDK's link fallback. Under a
/// transaction the settlement is staged until it ends.
/// </summary>
internal sealed class UpdateDispositionOperation : IManagementOperation
{
    public string Name => "com.microsoft:update-disposition";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var settlement = SettlementOf(request);
        var sessionId = request.Get("session-id") as string;
        foreach (var lockToken in request.LockTokens())
        {
            if (request.Transaction is { } transaction)
            {
                transaction.StageSettlement(request.Entity, lockToken, settlement, sessionId);
            }
            else
            {
                request.Entity.Settle(lockToken, settlement, sessionId);
            }
        }

        return ManagementResponse.Ok;
    }

    private static Settlement SettlementOf(ManagementRequest request)
    {
        var status = request.Required<string>("disposition-status");
        var properties = ReceiverLinkHandler.ToProperties(request.Get("properties-to-modify") as AmqpMap);
        return status switch
        {
            "completed" => Settlement.Complete,
            "abandoned" => new Settlement(SettlementKind.Abandon, properties),
            "defered" or "deferred" => new Settlement(SettlementKind.Defer, properties),
            "suspended" => new Settlement(
                SettlementKind.DeadLetter, properties, request.Get("deadletter-reason") as string, request.Get("deadletter-description") as string),
            _ => throw new ManagementException(400, ErrorConditions.ArgumentError, $"Unknown disposition-status '{status}'."),
        };
    }
}
