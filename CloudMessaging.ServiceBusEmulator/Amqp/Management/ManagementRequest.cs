using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>A decoded <c>$management</c> request: what it addresses and its body map (string keys).</summary>
internal sealed class ManagementRequest(ManagementScope scope, AmqpMap body, BrokerTransaction? transaction = null)
{
    /// <summary>The transaction the request was sent under; null for an ordinary request.</summary>
    public BrokerTransaction? Transaction { get; } = transaction;

    /// <summary>The queue-like entity addressed; a topic has none, so receive-side operations on it are refused.</summary>
    public MessageEntity Entity => scope.Entity
        ?? throw new ManagementException(400, ErrorConditions.NotAllowed, $"'{scope.Path}' is a topic: messages are received from its subscriptions.");

    public IScheduleTarget ScheduleTarget => scope.ScheduleTarget;

    /// <summary>The rules of the addressed subscription; other entities have none.</summary>
    public SubscriptionRuleSet Rules => scope.Rules
        ?? throw new ManagementException(400, ErrorConditions.NotAllowed, $"'{scope.Path}' is not a subscription: only subscriptions have rules.");

    public AmqpMap Body { get; } = body;

    public object? Get(string key) => Body[new MapKey(key)];

    public T Required<T>(string key) =>
        Get(key) is T value ? value : throw new ManagementException(400, ErrorConditions.ArgumentError, $"The request needs '{key}' of type {typeof(T).Name}.");

    public long[] SequenceNumbers(string key) => Get(key) switch
    {
        long[] numbers => numbers,
        IEnumerable<object> items => items.Select(Convert.ToInt64).ToArray(),
        _ => throw new ManagementException(400, ErrorConditions.ArgumentError, $"The request needs '{key}' as an array of long."),
    };

    public Guid[] LockTokens(string key = "lock-tokens") => Get(key) switch
    {
        Guid[] tokens => tokens,
        IEnumerable<object> items => items.Cast<Guid>().ToArray(),
        _ => throw new ManagementException(400, ErrorConditions.ArgumentError, $"The request needs '{key}' as an array of uuid."),
    };

    public static MapKey Key(string name) => new(name);
}
