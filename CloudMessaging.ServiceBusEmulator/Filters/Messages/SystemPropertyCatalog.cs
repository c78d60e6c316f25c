using System.Collections.Frozen;

namespace CloudMessaging.ServiceBusEmulator.Filters.Messages;

/// <summary>
/// Names, value types and writability of the system properties. Names are case-insensitive, as the service's
/// SQL grammar treats property names.
/// </summary>
public static class SystemPropertyCatalog
{
    private static readonly FrozenDictionary<string, SystemProperty> ByName = BuildNames();

    private static readonly FrozenDictionary<SystemProperty, Type> ValueTypes = new Dictionary<SystemProperty, Type>
    {
        [SystemProperty.MessageId] = typeof(string),
        [SystemProperty.CorrelationId] = typeof(string),
        [SystemProperty.ContentType] = typeof(string),
        [SystemProperty.Label] = typeof(string),
        [SystemProperty.ReplyTo] = typeof(string),
        [SystemProperty.ReplyToSessionId] = typeof(string),
        [SystemProperty.SessionId] = typeof(string),
        [SystemProperty.To] = typeof(string),
        [SystemProperty.PartitionKey] = typeof(string),
        [SystemProperty.ViaPartitionKey] = typeof(string),
        [SystemProperty.TimeToLive] = typeof(TimeSpan),
        [SystemProperty.ScheduledEnqueueTimeUtc] = typeof(DateTime),
        [SystemProperty.SequenceNumber] = typeof(long),
        [SystemProperty.EnqueuedSequenceNumber] = typeof(long),
        [SystemProperty.EnqueuedTimeUtc] = typeof(DateTime),
        [SystemProperty.ExpiresAtUtc] = typeof(DateTime),
        [SystemProperty.LockedUntilUtc] = typeof(DateTime),
        [SystemProperty.LockToken] = typeof(Guid),
        [SystemProperty.DeliveryCount] = typeof(int),
        [SystemProperty.Size] = typeof(long),
        [SystemProperty.DeadLetterSource] = typeof(string),
    }.ToFrozenDictionary();

    // What a sender controls; the broker-assigned rest (sequence numbers, times, lock, size...) is read-only.
    private static readonly FrozenSet<SystemProperty> Writable = new[]
    {
        SystemProperty.MessageId, SystemProperty.CorrelationId, SystemProperty.ContentType, SystemProperty.Label,
        SystemProperty.ReplyTo, SystemProperty.ReplyToSessionId, SystemProperty.SessionId, SystemProperty.To,
        SystemProperty.PartitionKey, SystemProperty.ViaPartitionKey, SystemProperty.TimeToLive,
        SystemProperty.ScheduledEnqueueTimeUtc,
    }.ToFrozenSet();

    public static bool TryParse(string name, out SystemProperty property) => ByName.TryGetValue(name, out property);

    public static Type ValueType(SystemProperty property) => ValueTypes[property];

    public static bool IsWritable(SystemProperty property) => Writable.Contains(property);

    private static FrozenDictionary<string, SystemProperty> BuildNames()
    {
        var names = new Dictionary<string, SystemProperty>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in Enum.GetValues<SystemProperty>())
        {
            names[property.ToString()] = property;
        }

        // Names of the same properties in Azure.Messaging.ServiceBus.
        names["Subject"] = SystemProperty.Label;
        names["ScheduledEnqueueTime"] = SystemProperty.ScheduledEnqueueTimeUtc;
        names["EnqueuedTime"] = SystemProperty.EnqueuedTimeUtc;
        names["ExpiresAt"] = SystemProperty.ExpiresAtUtc;
        names["LockedUntil"] = SystemProperty.LockedUntilUtc;
        names["TransactionPartitionKey"] = SystemProperty.ViaPartitionKey;
        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
