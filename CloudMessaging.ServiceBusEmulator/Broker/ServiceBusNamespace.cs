using System.Collections.Concurrent;
using CloudMessaging.ServiceBusEmulator.Configuration;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>All entities of one emulated namespace, addressed case-insensitively by path (<c>q1</c>, <c>q1/$DeadLetterQueue</c>).</summary>
internal sealed class ServiceBusNamespace : IDisposable
{
    private readonly ConcurrentDictionary<string, MessageEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IMessageTarget> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ServiceBusNamespace(EmulatorTopology topology, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _time = time;
        _logger = loggerFactory.CreateLogger<MessageEntity>();
        foreach (var queue in topology.Queues)
        {
            AddQueue(queue);
        }
    }

    /// <summary>An entity that can be received from, or null when the path names none.</summary>
    public MessageEntity? FindEntity(string path) => _entities.GetValueOrDefault(path);

    /// <summary>An entity that can be sent to, or null when the path names none.</summary>
    public IMessageTarget? FindTarget(string path) => _targets.GetValueOrDefault(path);

    public MessageEntity AddQueue(QueueDefinition queue)
    {
        var settings = EntitySettings.From(queue);
        var deadLetterQueue = new MessageEntity(
            queue.Name + MessageEntity.DeadLetterQueueSuffix, EntitySettings.DeadLetterQueueOf(settings), _time, FindTarget, _logger);
        var entity = new MessageEntity(queue.Name, settings, _time, FindTarget, _logger) { DeadLetterQueue = deadLetterQueue };
        if (!_entities.TryAdd(entity.Name, entity))
        {
            throw new InvalidOperationException($"The namespace already has an entity named '{queue.Name}'.");
        }

        _entities[deadLetterQueue.Name] = deadLetterQueue;
        _targets[entity.Name] = entity;
        return entity;
    }

    public void Dispose()
    {
        foreach (var entity in _entities.Values)
        {
            entity.Dispose();
        }
    }
}
