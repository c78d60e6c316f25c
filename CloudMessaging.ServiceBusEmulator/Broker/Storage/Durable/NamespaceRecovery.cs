using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>
/// Reads a durable namespace back into the entities of the topology: messages, session states, duplicate ids,
/// sequence numbers, topic schedules and runtime rules. Entities on disk that the topology no longer has are
/// left on disk, untouched, with a warning.
/// </summary>
internal static partial class NamespaceRecovery
{
    public static void Recover(DurableStore store, ServiceBusNamespace serviceBusNamespace, Func<byte[], BrokerMessage> decode)
    {
        var connection = store.Connection;
        var names = new Dictionary<int, (string Name, long LastSequence)>();
        Read(connection, "SELECT id, name, last_sequence FROM entities", r => names[r.GetInt32(0)] = (r.GetString(1), r.GetInt64(2)));
        var messages = Group<RestoredMessage>(connection, "SELECT m.*, d.delivery_count FROM messages m LEFT JOIN delivery_counts d ON d.key = m.key ORDER BY m.key", r => (MessageKey.EntityOf(r.GetInt64(0)), ReadMessage(r, decode)));
        var states = Group<(string, byte[])>(connection, "SELECT entity_id, session_id, state FROM session_states", r => (r.GetInt32(0), (r.GetString(1), (byte[])r[2])));
        var duplicates = Group<(string, DateTimeOffset)>(
            connection, "SELECT entity_id, message_id, seen_at FROM duplicates ORDER BY seen_at", r => (r.GetInt32(0), (r.GetString(1), At(r.GetInt64(2)))));
        var schedules = Group<(long, DateTimeOffset, string)>(
            connection, "SELECT entity_id, sequence, at, copies FROM topic_schedules", r => (r.GetInt32(0), (r.GetInt64(1), At(r.GetInt64(2)), r.GetString(3))));
        var rules = Group<string>(connection, "SELECT entity_id, definitions FROM rules", r => (r.GetInt32(0), r.GetString(1)));

        var restored = new List<MessageEntity>();
        var count = 0;
        foreach (var (id, (name, lastSequence)) in names)
        {
            if (serviceBusNamespace.FindEntity(name) is { } entity)
            {
                var entityMessages = messages.GetValueOrDefault(id) ?? [];
                entity.Restore(new RestoredEntity(lastSequence, entityMessages, states.GetValueOrDefault(id) ?? [], duplicates.GetValueOrDefault(id) ?? []));
                restored.Add(entity);
                count += entityMessages.Count;
                if (rules.GetValueOrDefault(id) is [var definitions] && serviceBusNamespace.FindSubscription(name) is { } subscription)
                {
                    subscription.Rules.Restore(RuleSetCodec.Decode(definitions));
                }
            }
            else if (serviceBusNamespace.FindTopic(name) is { } topic)
            {
                RestoreTopic(topic, lastSequence, duplicates.GetValueOrDefault(id), schedules.GetValueOrDefault(id), names, serviceBusNamespace);
            }
            else if (messages.ContainsKey(id) || states.ContainsKey(id))
            {
                LogEntityNotServed(store.Logger, name);
            }
        }

        foreach (var entity in restored)
        {
            entity.Resume();
        }

        LogRecovered(store.Logger, count, restored.Count);
    }

    private static void RestoreTopic(
        Topic topic,
        long lastSequence,
        List<(string, DateTimeOffset)>? duplicates,
        List<(long Sequence, DateTimeOffset At, string Copies)>? schedules,
        Dictionary<int, (string Name, long LastSequence)> names,
        ServiceBusNamespace serviceBusNamespace)
    {
        var scheduled = new List<(long, DateTimeOffset, IReadOnlyList<(MessageEntity, long)>)>();
        foreach (var (sequence, at, copies) in schedules ?? [])
        {
            var resolved = new List<(MessageEntity, long)>();
            foreach (var copy in copies.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = copy.Split(':');
                if (names.TryGetValue(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), out var target)
                    && serviceBusNamespace.FindEntity(target.Name) is { } entity)
                {
                    resolved.Add((entity, long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            scheduled.Add((sequence, at, resolved));
        }

        topic.Restore(lastSequence, duplicates ?? [], scheduled);
    }

    private static RestoredMessage ReadMessage(SqliteDataReader r, Func<byte[], BrokerMessage> decode)
    {
        var message = decode((byte[])r["body"]);
        message.SequenceNumber = MessageKey.SequenceOf(r.GetInt64(0));
        message.State = (MessageState)r.GetInt32(1);
        message.EnqueuedTime = At(r.GetInt64(2));
        message.ExpiresAt = At(r.GetInt64(3));
        message.ScheduledEnqueueTime = At(r.GetInt64(4));
        var lockedCount = r.IsDBNull(11) ? (int?)null : r.GetInt32(11);
        message.DeliveryCount = Math.Max(r.GetInt32(5), lockedCount ?? 0);
        message.OriginalSequenceNumber = r.GetInt64(7);
        message.DeadLetterSource = r.IsDBNull(8) ? null : r.GetString(8);
        if (!r.IsDBNull(9))
        {
            message.ApplyPropertyOverrides(PropertyCodec.Decode((byte[])r[9]));
        }

        return new RestoredMessage(message, WasLocked: r.GetInt32(6) != 0 || lockedCount is not null);
    }

    private static DateTimeOffset At(long ticks) => ticks == long.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(ticks, TimeSpan.Zero);

    private static Dictionary<int, List<T>> Group<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, (int EntityId, T Value)> read)
    {
        var groups = new Dictionary<int, List<T>>();
        Read(connection, sql, r =>
        {
            var (entityId, value) = read(r);
            if (!groups.TryGetValue(entityId, out var list))
            {
                groups[entityId] = list = [];
            }

            list.Add(value);
        });
        return groups;
    }

    private static void Read(SqliteConnection connection, string sql, Action<SqliteDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data directory holds '{Entity}', which the topology no longer has; its data is kept on disk but not served.")]
    private static partial void LogEntityNotServed(ILogger logger, string entity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered {Messages} message(s) in {Entities} entities from the data directory.")]
    private static partial void LogRecovered(ILogger logger, int messages, int entities);
}
