using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>Reads the properties queues and subscriptions share, and the metadata every entity has.</summary>
internal static class CommonProperties
{
    /// <summary>The queue-like settings of a description; <paramref name="resolveForward"/> turns a ForwardTo URI into an existing entity's name.</summary>
    public static EntitySettings ReadSettings(DescriptionProperties properties, Func<string, string, string> resolveForward)
    {
        var settings = new EntitySettings
        {
            LockDuration = properties.Duration("LockDuration", EntityDefaults.LockDuration),
            MaxDeliveryCount = properties.Int("MaxDeliveryCount", 10),
            DefaultMessageTimeToLive = properties.Duration("DefaultMessageTimeToLive", EntityDefaults.DefaultMessageTimeToLive),
            DeadLetteringOnMessageExpiration = properties.Bool("DeadLetteringOnMessageExpiration", false),
            RequiresSession = properties.Bool("RequiresSession", false),
            ForwardTo = Forward(properties, "ForwardTo", resolveForward),
            ForwardDeadLetteredMessagesTo = Forward(properties, "ForwardDeadLetteredMessagesTo", resolveForward),
        };
        PropertyRanges.Check("LockDuration", settings.LockDuration, PropertyRanges.MinLockDuration, PropertyRanges.MaxLockDuration);
        PropertyRanges.CheckAtLeast("MaxDeliveryCount", settings.MaxDeliveryCount, 1);
        PropertyRanges.CheckPositive("DefaultMessageTimeToLive", settings.DefaultMessageTimeToLive);
        return settings;
    }

    public static EntityMetadata ReadMetadata(DescriptionProperties properties, EntityMetadata? existing, DateTimeOffset now)
    {
        var userMetadata = properties.Text("UserMetadata");
        PropertyRanges.CheckUserMetadata(userMetadata);
        var autoDelete = properties.Duration("AutoDeleteOnIdle", TimeSpan.MaxValue);
        PropertyRanges.Check("AutoDeleteOnIdle", autoDelete, PropertyRanges.MinAutoDeleteOnIdle, TimeSpan.MaxValue);
        return new EntityMetadata
        {
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
            UserMetadata = userMetadata,
            EnableBatchedOperations = properties.Bool("EnableBatchedOperations", true),
            AutoDeleteOnIdle = autoDelete,
        };
    }

    /// <summary>What every description may carry that the emulator has no use for, accepted only at the value it implements.</summary>
    public static void AcceptServiceDefaults(DescriptionProperties properties)
    {
        properties.AcceptOnly("IsAnonymousAccessible", "false", "there is no anonymous access");
        properties.AcceptOnly("EnablePartitioning", "false", "entities are not partitioned");
        properties.AcceptOnly("EnableExpress", "false", "every message is kept the same way");
        properties.AcceptOnlyEmpty("AuthorizationRules", "the namespace has one shared access key");
        properties.Text("SupportOrdering");
    }

    private static string? Forward(DescriptionProperties properties, string name, Func<string, string, string> resolveForward)
    {
        var value = properties.Text(name);
        return string.IsNullOrWhiteSpace(value) ? null : resolveForward(name, value.Trim());
    }
}
