using Microsoft.Data.Sqlite;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>
/// Writes one group commit as one SQLite transaction. Message changes are folded per row first: a message stored
/// and removed within the same commit (sent, received and completed between two fsyncs) never touches the disk.
/// Used by the commit thread only.
/// </summary>
internal sealed class BatchWriter(SqliteConnection connection) : IDisposable
{
    // Built once, so Run finds each text's prepared command again.
    private static readonly string[] WipeStatements =
        [.. new[] { "session_states", "duplicates", "topic_schedules", "rules" }.Select(table => $"DELETE FROM {table} WHERE entity_id = $0")];

    private readonly Dictionary<long, MessagePut?> _rows = [];
    private readonly Dictionary<long, int?> _locks = [];
    private readonly Dictionary<int, long> _sequences = [];
    private readonly List<SqliteCommand> _commands = [];

    public void Write(IReadOnlyList<JournalRecord> records)
    {
        _rows.Clear();
        _locks.Clear();
        _sequences.Clear();
        using var transaction = connection.BeginTransaction();
        foreach (var record in records)
        {
            switch (record)
            {
                case MessagePut put:
                    FoldPut(put);
                    break;
                case MessageLocked locked:
                    FoldLock(locked);
                    break;
                case MessageDeleted deleted:
                    FoldDelete(deleted.Key);
                    break;
                case SequenceAdvanced advanced:
                    _sequences[advanced.EntityId] = Math.Max(advanced.LastSequenceNumber, _sequences.GetValueOrDefault(advanced.EntityId));
                    break;
                case EntityDeleted deleted:
                    Wipe(deleted, transaction);
                    break;
                default:
                    WriteOther(record, transaction);
                    break;
            }
        }

        foreach (var (key, put) in _rows)
        {
            if (put is null)
            {
                Run(transaction, "DELETE FROM messages WHERE key = $0", key);
            }
            else if (put.IsNew)
            {
                var row = put.Row;
                Run(
                    transaction,
                    "INSERT OR REPLACE INTO messages VALUES($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    key, (int)row.State, row.EnqueuedTicks, row.ExpiresTicks, row.ScheduledTicks, row.DeliveryCount, row.Locked ? 1 : 0,
                    row.OriginalSequenceNumber, row.DeadLetterSource, row.PropertyOverrides, row.Body);
            }
            else
            {
                // The body never changes once stored: an update leaves it where it is.
                var row = put.Row;
                Run(
                    transaction,
                    "UPDATE messages SET state = $1, enqueued = $2, expires = $3, scheduled = $4, delivery_count = $5, locked = $6, overrides = $7 WHERE key = $0",
                    key, (int)row.State, row.EnqueuedTicks, row.ExpiresTicks, row.ScheduledTicks, row.DeliveryCount, row.Locked ? 1 : 0, row.PropertyOverrides);
            }
        }

        foreach (var (key, deliveryCount) in _locks)
        {
            if (deliveryCount is { } count)
            {
                Run(transaction, "INSERT OR REPLACE INTO delivery_counts VALUES($0, $1)", key, count);
            }
            else
            {
                Run(transaction, "DELETE FROM delivery_counts WHERE key = $0", key);
            }
        }

        foreach (var (entityId, last) in _sequences)
        {
            Run(transaction, "UPDATE entities SET last_sequence = max(last_sequence, $1) WHERE id = $0", entityId, last);
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    // A row first written in this commit stays "new": removing it then leaves nothing to delete. A put carries the
    // lock state, so it ends any side row.
    private void FoldPut(MessagePut put)
    {
        var isNew = put.IsNew || (_rows.TryGetValue(put.Key, out var earlier) && earlier is { IsNew: true });
        _rows[put.Key] = isNew == put.IsNew ? put : put with { IsNew = true };
        if (!isNew)
        {
            _locks[put.Key] = null;
        }
    }

    // A message stored in this commit takes its lock into its own row; others get the side row.
    private void FoldLock(MessageLocked locked)
    {
        if (_rows.TryGetValue(locked.Key, out var earlier) && earlier is { IsNew: true })
        {
            _rows[locked.Key] = earlier with { Row = earlier.Row with { DeliveryCount = locked.DeliveryCount, Locked = true } };
        }
        else
        {
            _locks[locked.Key] = locked.DeliveryCount;
        }
    }

    private void FoldDelete(long key)
    {
        _locks[key] = null;
        if (_rows.TryGetValue(key, out var earlier) && earlier is { IsNew: true })
        {
            _rows.Remove(key);
        }
        else
        {
            _rows[key] = null;
        }
    }

    private void WriteOther(JournalRecord record, SqliteTransaction transaction)
    {
        switch (record)
        {
            case EntityRegistered registered:
                Run(transaction, "INSERT OR IGNORE INTO entities(id, name) VALUES($0, $1)", registered.EntityId, registered.Name);
                break;
            case EntityDefined defined:
                Run(transaction, "UPDATE entities SET definition = $1 WHERE id = $0", defined.EntityId, defined.Definition);
                break;
            case SessionStateSet { State: null } cleared:
                Run(transaction, "DELETE FROM session_states WHERE entity_id = $0 AND session_id = $1", cleared.EntityId, cleared.SessionId);
                break;
            case SessionStateSet set:
                Run(transaction, "INSERT OR REPLACE INTO session_states VALUES($0, $1, $2)", set.EntityId, set.SessionId, set.State);
                break;
            case DuplicateSeen seen:
                Run(transaction, "INSERT OR REPLACE INTO duplicates VALUES($0, $1, $2, $3)", seen.EntityId, seen.MessageId, seen.SeenAtTicks, seen.ForgetAtTicks);
                break;
            case TopicScheduleRecorded scheduled:
                Run(transaction, "INSERT OR REPLACE INTO topic_schedules VALUES($0, $1, $2, $3)", scheduled.EntityId, scheduled.SequenceNumber, scheduled.AtTicks, scheduled.Copies);
                break;
            case TopicScheduleForgotten forgotten:
                Run(transaction, "DELETE FROM topic_schedules WHERE entity_id = $0 AND sequence = $1", forgotten.EntityId, forgotten.SequenceNumber);
                break;
            case RulesReplaced rules:
                Run(transaction, "INSERT OR REPLACE INTO rules VALUES($0, $1)", rules.EntityId, rules.Definitions);
                break;
            default:
                throw new InvalidOperationException($"Unknown journal record {record.GetType().Name}.");
        }
    }

    // Folded changes of the deleted entity were made before the delete: they are dropped, not written after it.
    private void Wipe(EntityDeleted deleted, SqliteTransaction transaction)
    {
        var id = deleted.EntityId;
        foreach (var key in _rows.Keys.Where(key => MessageKey.EntityOf(key) == id).ToList())
        {
            _rows.Remove(key);
        }

        foreach (var key in _locks.Keys.Where(key => MessageKey.EntityOf(key) == id).ToList())
        {
            _locks.Remove(key);
        }

        _sequences.Remove(id);
        long first = MessageKey.Of(id, 1) - 1, last = MessageKey.Of(id + 1, 1) - 1;
        Run(transaction, "DELETE FROM messages WHERE key > $0 AND key <= $1", first, last);
        Run(transaction, "DELETE FROM delivery_counts WHERE key > $0 AND key <= $1", first, last);
        foreach (var statement in WipeStatements)
        {
            Run(transaction, statement, id);
        }

        Run(transaction, "UPDATE entities SET last_sequence = 0, definition = $1 WHERE id = $0", id, deleted.Tombstone);
    }

    // One prepared command per statement text, reused across commits.
    private void Run(SqliteTransaction transaction, string sql, params object?[] values)
    {
        var command = _commands.Find(c => ReferenceEquals(c.CommandText, sql));
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + i, null));
            }

            _commands.Add(command);
        }

        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
