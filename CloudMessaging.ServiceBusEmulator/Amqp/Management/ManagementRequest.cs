using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>A decoded <c>$management</c> request: the entity it addresses and its body map (string keys).</summary>
internal sealed class ManagementRequest(MessageEntity entity, AmqpMap body)
{
    public MessageEntity Entity { get; } = entity;

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
