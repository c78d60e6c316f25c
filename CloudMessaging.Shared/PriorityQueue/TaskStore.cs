using CloudMessaging.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// A task's status in Redis, from accepted to completed (keys in <see cref="TaskKeys"/>). It is also what makes a
/// task's effect happen once: delivery is at least once (a redelivery, or the copy left behind when an escalation's
/// send succeeded and its complete did not), so completion is a transaction that applies the effect only if the task
/// is not already completed.
/// </summary>
public sealed class TaskStore(IConnectionMultiplexer redis, TimeProvider timeProvider, IOptions<PriorityQueueOptions> options)
{
    private readonly PriorityQueueOptions _options = options.Value;

    /// <summary>Records tasks as queued before they are sent, so a consumer that is faster than this write finds them.</summary>
    public async Task RecordAcceptedAsync(IReadOnlyList<(string Id, TaskPriority Priority)> tasks, DateTimeOffset acceptedAt)
    {
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        var writes = new List<Task>(tasks.Count * 4);
        foreach (var (id, priority) in tasks)
        {
            var key = TaskKeys.Task(id);
            writes.Add(batch.HashSetAsync(key,
            [
                new HashEntry(TaskKeys.Fields.Priority, priority.Name()),
                new HashEntry(TaskKeys.Fields.Queue, priority.Name()),
                new HashEntry(TaskKeys.Fields.State, nameof(TaskState.Queued)),
                new HashEntry(TaskKeys.Fields.AcceptedAt, acceptedAt.ToUnixTimeMilliseconds()),
            ]));
            writes.Add(batch.KeyExpireAsync(key, _options.StatusTimeToLive));
            writes.Add(batch.SortedSetAddAsync(TaskKeys.Waiting(priority), id, acceptedAt.ToUnixTimeMilliseconds()));
            writes.Add(batch.HashIncrementAsync(TaskKeys.Counters(priority), TaskKeys.Fields.Accepted));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>Undoes <see cref="RecordAcceptedAsync"/> for tasks whose send failed, so they are not reported as waiting.</summary>
    public async Task ForgetAsync(IReadOnlyList<(string Id, TaskPriority Priority)> tasks)
    {
        var database = redis.GetDatabase();
        var batch = database.CreateBatch();
        var writes = new List<Task>(tasks.Count * 3);
        foreach (var (id, priority) in tasks)
        {
            writes.Add(batch.KeyDeleteAsync(TaskKeys.Task(id)));
            writes.Add(batch.SortedSetRemoveAsync(TaskKeys.Waiting(priority), id));
            writes.Add(batch.HashDecrementAsync(TaskKeys.Counters(priority), TaskKeys.Fields.Accepted));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>
    /// Marks a delivery at <paramref name="servedBy"/> as started: the task leaves every waiting set and the delivery
    /// counts as an attempt. Changes nothing when the task already completed, or when it was escalated and its copy
    /// sits one level up (this delivery is the original left behind); the outcome says which.
    /// </summary>
    public Task<TaskStartOutcome> TryStartAsync(string id, TaskPriority servedBy, string replica, DateTimeOffset startedAt)
    {
        var database = redis.GetDatabase();
        var key = TaskKeys.Task(id);
        var hasNextUp = servedBy.TryGetNextUp(out var nextUp);
        return RedisTransactionRetry.RunAsync(
            database,
            TaskKeys.MaxTransactionAttempts,
            transaction =>
            {
                transaction.AddCondition(Condition.HashNotEqual(key, TaskKeys.Fields.State, nameof(TaskState.Completed)));
                if (hasNextUp)
                {
                    transaction.AddCondition(Condition.HashNotExists(key, TaskKeys.Fields.CopiedTo(nextUp)));
                }

                _ = transaction.HashSetAsync(key,
                [
                    new HashEntry(TaskKeys.Fields.State, nameof(TaskState.Processing)),
                    new HashEntry(TaskKeys.Fields.Queue, servedBy.Name()),
                    new HashEntry(TaskKeys.Fields.StartedAt, startedAt.ToUnixTimeMilliseconds()),
                    new HashEntry(TaskKeys.Fields.HandledBy, replica),
                ]);
                _ = transaction.HashIncrementAsync(key, TaskKeys.Fields.Attempts);
                _ = transaction.KeyExpireAsync(key, _options.StatusTimeToLive);
                foreach (var level in TaskPriorities.All)
                {
                    _ = transaction.SortedSetRemoveAsync(TaskKeys.Waiting(level), id);
                }

                return Task.FromResult(TransactionStep<TaskStartOutcome>.Execute(TaskStartOutcome.Started));
            },
            async _ =>
            {
                var fields = await database.HashGetAsync(key, [TaskKeys.Fields.State, hasNextUp ? TaskKeys.Fields.CopiedTo(nextUp) : TaskKeys.Fields.State]);
                if (fields[0] == nameof(TaskState.Completed))
                {
                    return TransactionStep<TaskStartOutcome>.Decided(TaskStartOutcome.AlreadyCompleted);
                }

                return hasNextUp && fields[1].HasValue
                    ? TransactionStep<TaskStartOutcome>.Decided(TaskStartOutcome.EscalatedAway)
                    : TransactionStep<TaskStartOutcome>.Retry;
            },
            () => throw new InvalidOperationException($"Task {id}: its status kept changing under {TaskKeys.MaxTransactionAttempts} transaction attempts."));
    }

    /// <summary>
    /// Applies the task's effect and marks it completed, atomically and only once per task id: returns false when
    /// another delivery of the same task got there first. The effect here is the result write itself (the
    /// <c>effects</c> counter a test can read back); a real handler would write its outcome in the same transaction
    /// or key it by task id.
    /// </summary>
    public Task<bool> CompleteOnceAsync(string id, TaskPriority priority, TaskPriority servedBy, string replica, DateTimeOffset acceptedAt, DateTimeOffset startedAt)
    {
        var completedAt = timeProvider.GetUtcNow();
        var waitMilliseconds = Math.Max(0, (long)(startedAt - acceptedAt).TotalMilliseconds);
        var windowStart = (completedAt - _options.StatsWindow).ToUnixTimeMilliseconds();
        var database = redis.GetDatabase();
        var key = TaskKeys.Task(id);
        return RedisTransactionRetry.WriteOnceAsync(
            database,
            transaction =>
            {
                transaction.AddCondition(Condition.HashNotEqual(key, TaskKeys.Fields.State, nameof(TaskState.Completed)));
                _ = transaction.HashSetAsync(key,
                [
                    new HashEntry(TaskKeys.Fields.State, nameof(TaskState.Completed)),
                    new HashEntry(TaskKeys.Fields.CompletedAt, completedAt.ToUnixTimeMilliseconds()),
                    new HashEntry(TaskKeys.Fields.StartedAt, startedAt.ToUnixTimeMilliseconds()),
                    new HashEntry(TaskKeys.Fields.HandledBy, replica),
                    new HashEntry(TaskKeys.Fields.ServedBy, servedBy.Name()),
                ]);
                _ = transaction.HashIncrementAsync(key, TaskKeys.Fields.Effects);
                _ = transaction.KeyExpireAsync(key, _options.StatusTimeToLive);
                _ = transaction.HashIncrementAsync(TaskKeys.Counters(priority), TaskKeys.Fields.Completed);
                _ = transaction.SortedSetAddAsync(TaskKeys.Waits(priority), $"{id}:{waitMilliseconds}", startedAt.ToUnixTimeMilliseconds());
                _ = transaction.SortedSetRemoveRangeByScoreAsync(TaskKeys.Waits(priority), double.NegativeInfinity, windowStart, Exclude.Stop);
            },
            alreadyWritten: async () => await database.HashGetAsync(key, TaskKeys.Fields.State) == nameof(TaskState.Completed),
            TaskKeys.MaxTransactionAttempts,
            $"Task {id}: completing it");
    }

    public async Task<TaskStatusRecord?> GetAsync(string id)
    {
        if (HashFields.From(await redis.GetDatabase().HashGetAllAsync(TaskKeys.Task(id))) is not { } fields)
        {
            return null;
        }

        TaskPriority? Level(string name) => TaskPriorities.TryParse(fields.Text(name), out var level) ? level : null;

        var priority = Level(TaskKeys.Fields.Priority) ?? TaskPriority.Normal;
        return new TaskStatusRecord(
            id,
            priority,
            Level(TaskKeys.Fields.Queue) ?? priority,
            Enum.TryParse<TaskState>(fields.Text(TaskKeys.Fields.State), out var state) ? state : TaskState.Queued,
            fields.UnixMillisecondsTime(TaskKeys.Fields.AcceptedAt) ?? DateTimeOffset.UnixEpoch,
            fields.UnixMillisecondsTime(TaskKeys.Fields.StartedAt),
            fields.UnixMillisecondsTime(TaskKeys.Fields.CompletedAt),
            (int)fields.Number(TaskKeys.Fields.Escalations),
            (int)fields.Number(TaskKeys.Fields.Attempts),
            (int)fields.Number(TaskKeys.Fields.Effects),
            fields.Text(TaskKeys.Fields.HandledBy),
            Level(TaskKeys.Fields.ServedBy));
    }
}
