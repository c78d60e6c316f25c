namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>What a receiver decided for a locked message, whether it arrived as a disposition or a management request.</summary>
internal sealed record Settlement(
    SettlementKind Kind,
    IReadOnlyDictionary<string, object?>? PropertiesToModify = null,
    string? DeadLetterReason = null,
    string? DeadLetterDescription = null)
{
    public static readonly Settlement Complete = new(SettlementKind.Complete);
}
