using System.Globalization;
using System.Text.Json;
using CloudMessaging.Shared.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Shared.RequestReply;

/// <summary>
/// Job status in Redis: one hash per job (<c>jobs:{id}</c>) that expires after
/// <see cref="RequestReplyOptions.StatusTimeToLive"/>. Every visible change is a transaction conditioned on the
/// version it read (optimistic concurrency, since API and workers race: a cancel against a progress report), bumps the
/// version, and publishes the new snapshot on <c>jobs:{id}:events</c> for Server-Sent Events.
/// </summary>
public sealed class JobStore(IConnectionMultiplexer redis, IOptions<RequestReplyOptions> options, TimeProvider timeProvider)
{
    private const int MaxConflictRetries = 20;

    private readonly RequestReplyOptions _options = options.Value;

    public static string Key(string id) => $"jobs:{id}";

    private static RedisChannel EventsChannel(string id) => RedisChannel.Literal($"jobs:{id}:events");

    private static string IdempotencyKey(string key) => $"jobs:idempotency:{key}";

    private IDatabase Database => redis.GetDatabase();

    public async Task<JobRecord?> GetAsync(string id) => JobRecord.FromHash(await Database.HashGetAllAsync(Key(id)));

    /// <summary>The snapshots every change of the job publishes (JSON of <see cref="JobRecord"/>), from now on.</summary>
    public Task<ChannelMessageQueue> SubscribeAsync(string id) => redis.GetSubscriber().SubscribeAsync(EventsChannel(id));

    public async Task<JobRecord> CreateAsync(JobMessage job, string? traceId)
    {
        var key = Key(job.Id);
        HashEntry[] entries =
        [
            new HashEntry(JobFields.Id, job.Id),
            new HashEntry(JobFields.Kind, job.Kind),
            new HashEntry(JobFields.Status, nameof(JobStatus.Queued)),
            new HashEntry(JobFields.Progress, 0),
            new HashEntry(JobFields.Version, 1),
            new HashEntry(JobFields.Attempts, 0),
            new HashEntry(JobFields.CreatedAt, Now()),
            new HashEntry(JobFields.TraceId, traceId ?? string.Empty),
        ];
        var created = await RedisTransactionRetry.WriteOnceAsync(
            Database,
            transaction =>
            {
                transaction.AddCondition(Condition.KeyNotExists(key));
                _ = transaction.HashSetAsync(key, entries);
                _ = transaction.KeyExpireAsync(key, _options.StatusTimeToLive);
            },
            () => Database.KeyExistsAsync(key),
            MaxConflictRetries,
            $"Creating job '{job.Id}'");

        // The key did not exist, so the hash is exactly what was written.
        return created
            ? JobRecord.FromHash(entries)!
            : throw new InvalidOperationException($"Job '{job.Id}' already exists.");
    }

    public Task DeleteAsync(string id) => Database.KeyDeleteAsync(Key(id));

    /// <summary>
    /// Binds an Idempotency-Key to a request fingerprint and job id, unless it is bound already: then returns the
    /// earlier binding (first writer wins, atomically).
    /// </summary>
    public async Task<(string Fingerprint, string JobId)?> BindIdempotencyKeyAsync(string idempotencyKey, string fingerprint, string jobId)
    {
        var key = IdempotencyKey(idempotencyKey);
        if (await Database.StringSetAsync(key, $"{fingerprint}:{jobId}", _options.StatusTimeToLive, When.NotExists))
        {
            return null;
        }

        var existing = (string?)await Database.StringGetAsync(key);
        if (existing is null || existing.IndexOf(':', StringComparison.Ordinal) is var separator && separator < 0)
        {
            // It expired between the two calls: the caller's own job stands.
            return null;
        }

        return (existing[..separator], existing[(separator + 1)..]);
    }

    public Task ReleaseIdempotencyKeyAsync(string idempotencyKey) => Database.KeyDeleteAsync(IdempotencyKey(idempotencyKey));

    /// <summary>
    /// Queued → Running on <paramref name="replica"/>; also takes over a Running job whose lease lapsed (its worker
    /// died) or that this replica held before (a redelivery after it gave the message back).
    /// </summary>
    public async Task<JobClaim> TryClaimAsync(string id, string replica, string? receivedTraceId)
    {
        JobClaimOutcome refusal = JobClaimOutcome.Unknown;
        var transition = await TransitionAsync(id, current =>
        {
            if (current.Status.IsFinal())
            {
                refusal = JobClaimOutcome.Finished;
                return null;
            }

            if (current.Status == JobStatus.Running && current.Replica != replica && current.LeaseUntil > timeProvider.GetUtcNow())
            {
                refusal = JobClaimOutcome.LeaseHeld;
                return null;
            }

            return
            [
                new HashEntry(JobFields.Status, nameof(JobStatus.Running)),
                new HashEntry(JobFields.Replica, replica),
                new HashEntry(JobFields.Progress, 0),
                new HashEntry(JobFields.Attempts, current.Attempts + 1),
                new HashEntry(JobFields.StartedAt, Now()),
                new HashEntry(JobFields.LeaseUntil, Format(timeProvider.GetUtcNow() + _options.Lease)),
                new HashEntry(JobFields.ReceivedTraceId, receivedTraceId ?? string.Empty),
            ];
        });

        return transition switch
        {
            { Changed: true } => new JobClaim(JobClaimOutcome.Claimed, transition.Record),
            { Record: null } => new JobClaim(JobClaimOutcome.Unknown, null),
            _ => new JobClaim(refusal, transition.Record),
        };
    }

    /// <summary>Records progress; false when the job is no longer this replica's to run (cancelled or taken over).</summary>
    public async Task<bool> ReportProgressAsync(string id, string replica, int progress) =>
        (await TransitionAsync(id, current => OwnedBy(current, replica)
            ?
            [
                new HashEntry(JobFields.Progress, Math.Clamp(progress, 0, 100)),
                new HashEntry(JobFields.LeaseUntil, Format(timeProvider.GetUtcNow() + _options.Lease)),
            ]
            : null)).Changed;

    /// <summary>
    /// The running worker's heartbeat: renews its lease without bumping the version (nothing a client sees changed).
    /// Returns false when the job is no longer Running on <paramref name="replica"/>, which is how a worker learns of a
    /// cancellation.
    /// </summary>
    public async Task<bool> HeartbeatAsync(string id, string replica, bool renewLease)
    {
        var key = Key(id);
        if (!renewLease)
        {
            var fields = await Database.HashGetAsync(key, [JobFields.Status, JobFields.Replica]);
            return fields[0] == nameof(JobStatus.Running) && fields[1] == replica;
        }

        // Only a changed status or owner stops the job; a spurious abort (see CreateAsync) is tried again. Still ours
        // but the renewal kept aborting: keep running; the next heartbeat renews, or the lease lapses.
        return await RedisTransactionRetry.RunAsync(
            Database,
            MaxConflictRetries,
            transaction =>
            {
                transaction.AddCondition(Condition.HashEqual(key, JobFields.Status, nameof(JobStatus.Running)));
                transaction.AddCondition(Condition.HashEqual(key, JobFields.Replica, replica));
                _ = transaction.HashSetAsync(key, JobFields.LeaseUntil, Format(timeProvider.GetUtcNow() + _options.Lease));
                return Task.FromResult(TransactionStep<bool>.Execute(true));
            },
            async _ =>
            {
                var fields = await Database.HashGetAsync(key, [JobFields.Status, JobFields.Replica]);
                return fields[0] != nameof(JobStatus.Running) || fields[1] != replica ? TransactionStep<bool>.Decided(false) : TransactionStep<bool>.Retry;
            },
            whenExhausted: () => true);
    }

    public async Task<JobRecord?> SucceedAsync(string id, string replica, string resultJson) =>
        (await TransitionAsync(id, current => OwnedBy(current, replica)
            ?
            [
                new HashEntry(JobFields.Status, nameof(JobStatus.Succeeded)),
                new HashEntry(JobFields.Progress, 100),
                new HashEntry(JobFields.CompletedAt, Now()),
                new HashEntry(JobFields.Result, resultJson),
            ]
            : null, final: true)) is { Changed: true } transition ? transition.Record : null;

    /// <summary>
    /// Marks the job Failed. With a <paramref name="replica"/>, only while that replica runs it; without one (the
    /// dead-letter path), whatever non-final state it is in.
    /// </summary>
    public async Task<JobRecord?> FailAsync(string id, string? replica, JobProblem problem) =>
        (await TransitionAsync(id, current => (replica is null ? !current.Status.IsFinal() : OwnedBy(current, replica))
            ?
            [
                new HashEntry(JobFields.Status, nameof(JobStatus.Failed)),
                new HashEntry(JobFields.CompletedAt, Now()),
                new HashEntry(JobFields.ProblemTitle, problem.Title),
                new HashEntry(JobFields.ProblemDetail, problem.Detail ?? string.Empty),
            ]
            : null, final: true)) is { Changed: true } transition ? transition.Record : null;

    /// <summary>Gives a running job back to the queue (the message is being retried or redelivered elsewhere).</summary>
    public async Task ReleaseAsync(string id, string replica, string? error) =>
        await TransitionAsync(id, current => OwnedBy(current, replica)
            ?
            [
                new HashEntry(JobFields.Status, nameof(JobStatus.Queued)),
                new HashEntry(JobFields.LeaseUntil, string.Empty),
                new HashEntry(JobFields.LastError, error ?? string.Empty),
            ]
            : null);

    public async Task<JobCancellation> CancelAsync(string id)
    {
        var transition = await TransitionAsync(id, current => current.Status.IsFinal()
            ? null
            :
            [
                new HashEntry(JobFields.Status, nameof(JobStatus.Cancelled)),
                new HashEntry(JobFields.CancelledAt, Now()),
                new HashEntry(JobFields.CompletedAt, Now()),
            ], final: true);

        return transition switch
        {
            { Record: null } => new JobCancellation(JobCancellationOutcome.Unknown, null),
            { Changed: true } => new JobCancellation(JobCancellationOutcome.Cancelled, transition.Record),
            _ => new JobCancellation(JobCancellationOutcome.AlreadyFinal, transition.Record),
        };
    }

    /// <summary>The worker notes when it stopped a job that was cancelled under it (not an event: the job was final already).</summary>
    public Task MarkStoppedAsync(string id) => Database.HashSetAsync(Key(id), JobFields.StoppedAt, Now());

    private static bool OwnedBy(JobRecord record, string replica) => record.Status == JobStatus.Running && record.Replica == replica;

    /// <summary>
    /// Reads the hash, lets <paramref name="change"/> decide on the record, and writes the change conditioned on the
    /// version read. The new snapshot is the hash read with the change applied: the condition guarantees that no
    /// visible change came between (only a heartbeat's lease renewal can, which no snapshot reader uses), so it is not
    /// read back. The snapshot is published fire-and-forget after the commit, in order on the one connection.
    /// </summary>
    private Task<(bool Changed, JobRecord? Record)> TransitionAsync(string id, Func<JobRecord, HashEntry[]?> change, bool final = false)
    {
        var key = Key(id);
        return RedisTransactionRetry.RunAsync<(bool Changed, JobRecord? Record)>(
            Database,
            MaxConflictRetries,
            async transaction =>
            {
                var stored = await Database.HashGetAllAsync(key);
                if (JobRecord.FromHash(stored) is not { } current)
                {
                    return TransactionStep<(bool, JobRecord?)>.Decided((false, null));
                }

                if (change(current) is not { } entries)
                {
                    return TransactionStep<(bool, JobRecord?)>.Decided((false, current));
                }

                transaction.AddCondition(Condition.HashEqual(key, JobFields.Version, current.Version));
                _ = transaction.HashSetAsync(key, entries);
                _ = transaction.HashIncrementAsync(key, JobFields.Version);
                if (final)
                {
                    // A finished job's result stays readable for the full time to live from when it finished.
                    _ = transaction.KeyExpireAsync(key, _options.StatusTimeToLive);
                }

                return TransactionStep<(bool, JobRecord?)>.Execute(() =>
                {
                    var updated = JobRecord.FromHash(Applied(stored, entries, current.Version + 1))!;
                    redis.GetSubscriber().Publish(EventsChannel(id), JsonSerializer.Serialize(updated, RequestReplyJson.Options), CommandFlags.FireAndForget);
                    return Task.FromResult((true, (JobRecord?)updated));
                });
            },
            _ => Task.FromResult(TransactionStep<(bool, JobRecord?)>.Retry),
            () => throw new InvalidOperationException($"Job '{id}' kept changing under {MaxConflictRetries} attempts to update it."));
    }

    private static HashEntry[] Applied(HashEntry[] stored, HashEntry[] changes, long version)
    {
        var fields = new Dictionary<RedisValue, RedisValue>(stored.Length + changes.Length);
        foreach (var entry in stored)
        {
            fields[entry.Name] = entry.Value;
        }

        foreach (var entry in changes)
        {
            fields[entry.Name] = entry.Value;
        }

        fields[JobFields.Version] = version;
        return [.. fields.Select(field => new HashEntry(field.Key, field.Value))];
    }

    private string Now() => Format(timeProvider.GetUtcNow());

    private static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
