using System.Diagnostics.CodeAnalysis;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>A queue, or a topic subscription, named the way Service Bus writes entity paths.</summary>
public sealed record ServiceBusEntityPath(string QueueOrTopic, string? Subscription)
{
    private const string SubscriptionsSegment = "subscriptions";

    public static bool TryParse(string? path, [NotNullWhen(true)] out ServiceBusEntityPath? entity)
    {
        entity = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        var segments = path.Split('/');
        if (segments.Length == 1)
        {
            entity = new ServiceBusEntityPath(segments[0], null);
            return true;
        }

        if (segments.Length == 3
            && segments[0].Length > 0
            && segments[2].Length > 0
            && string.Equals(segments[1], SubscriptionsSegment, StringComparison.OrdinalIgnoreCase))
        {
            entity = new ServiceBusEntityPath(segments[0], segments[2]);
            return true;
        }

        return false;
    }

    public override string ToString() =>
        Subscription is null ? QueueOrTopic : $"{QueueOrTopic}/{SubscriptionsSegment}/{Subscription}";
}
