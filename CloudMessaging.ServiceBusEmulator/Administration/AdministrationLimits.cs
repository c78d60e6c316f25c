namespace CloudMessaging.ServiceBusEmulator.Administration;

/// <summary>
/// The Standard tier's entity quotas; a create beyond one answers 403, which the SDK raises as QuotaExceeded.
/// Tests set lower ones.
/// </summary>
internal sealed record AdministrationLimits
{
    public int MaxQueuesAndTopics { get; init; } = 10_000;

    public int MaxSubscriptionsPerTopic { get; init; } = 2_000;

    public int MaxRulesPerSubscription { get; init; } = 2_000;

    public static void Ensure(int count, int limit, string what)
    {
        if (count >= limit)
        {
            throw new AdministrationException(403, $"Quota exceeded: the namespace allows at most {limit} {what}.");
        }
    }
}
