using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PriorityQueue;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Tests.PriorityQueue;

/// <summary>
/// The stores' side of an escalation (claim, copy, confirm), against the AppHost's Garnet: the steps between which
/// an escalator can race another replica, a consumer, or die, which the end-to-end tests cannot stop at.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class EscalationStoreTests(AppHostFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _ids = [];
    private IConnectionMultiplexer _redis = null!;
    private TaskStore _tasks = null!;
    private EscalationStore _escalations = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync(ConnectionNames.Redis))!);
        _tasks = new TaskStore(_redis, TimeProvider.System, Options.Create(new PriorityQueueOptions()));
        _escalations = new EscalationStore(_redis, TimeProvider.System, Options.Create(new PriorityQueueOptions()));
    }

    public async Task DisposeAsync()
    {
        // These tasks have no messages: take them out of the waiting sets so the shared AppHost's stats do not
        // report them waiting forever (a start at high leaves every waiting set, whatever the task's state).
        foreach (var id in _ids)
        {
            await _tasks.TryStartAsync(id, TaskPriority.High, "cleanup", DateTimeOffset.UtcNow);
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Of_escalators_racing_for_the_same_task_exactly_one_wins()
    {
        var id = await AcceptedLowTaskAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal)));

        Assert.Single(claims, claim => claim is not null);
        var record = (await _tasks.GetAsync(id))!;
        Assert.Equal(1, record.Escalations);
        Assert.Equal(TaskPriority.Normal, record.Queue);
        Assert.Equal(TaskState.Queued, record.State);
    }

    [Fact]
    public async Task Once_the_copy_is_confirmed_the_original_is_completed_without_work_and_the_copy_starts()
    {
        var id = await AcceptedLowTaskAsync();
        Assert.NotNull(await _escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));
        await _escalations.ConfirmEscalationCopyAsync(id, TaskPriority.Normal);

        Assert.Equal(TaskStartOutcome.EscalatedAway, await _tasks.TryStartAsync(id, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.Equal(0, (await _tasks.GetAsync(id))!.Attempts);
        Assert.Equal(TaskStartOutcome.Started, await _tasks.TryStartAsync(id, TaskPriority.Normal, "test", DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_claimed_task_whose_copy_was_never_confirmed_is_still_served_where_it_is()
    {
        // The escalator died (or is still sending) between claim and confirm: the original must not be dropped.
        var id = await AcceptedLowTaskAsync();
        Assert.NotNull(await _escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));

        Assert.Equal(TaskStartOutcome.Started, await _tasks.TryStartAsync(id, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.Null(await _escalations.TryClaimEscalationAsync(id, TaskPriority.Normal, TaskPriority.High));
    }

    [Fact]
    public async Task A_released_claim_puts_the_task_back_and_it_can_be_escalated_again()
    {
        var id = await AcceptedLowTaskAsync();
        var claim = await _escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal);
        Assert.NotNull(claim);

        await _escalations.ReleaseEscalationAsync(claim);

        var record = (await _tasks.GetAsync(id))!;
        Assert.Equal((TaskPriority.Low, 0, TaskState.Queued), (record.Queue, record.Escalations, record.State));
        Assert.Equal([id], await _escalations.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
        Assert.NotNull(await _escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));
    }

    [Fact]
    public async Task Only_tasks_still_queued_at_the_level_are_escalation_candidates()
    {
        var queued = await AcceptedLowTaskAsync();
        var started = await AcceptedLowTaskAsync();
        var movedUp = await AcceptedLowTaskAsync();
        Assert.Equal(TaskStartOutcome.Started, await _tasks.TryStartAsync(started, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.NotNull(await _escalations.TryClaimEscalationAsync(movedUp, TaskPriority.Low, TaskPriority.Normal));

        var candidates = await _escalations.WhichCanEscalateAsync([queued, started, movedUp, $"unknown-{Guid.NewGuid():N}"], TaskPriority.Low, TaskPriority.Normal);

        Assert.Equal([queued], candidates);
    }

    [Fact]
    public async Task An_abandoned_claim_is_taken_again_once_it_expires_and_not_before_and_the_task_still_takes_effect_once()
    {
        var timeout = TimeSpan.FromSeconds(30);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var options = Options.Create(new PriorityQueueOptions { EscalationClaimTimeout = timeout });
        var tasks = new TaskStore(_redis, clock, options);
        var escalations = new EscalationStore(_redis, clock, options);
        var id = await AcceptedLowTaskAsync();

        // The escalator claims the task and dies before sending the copy.
        var abandoned = await escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal);
        Assert.NotNull(abandoned);

        clock.Advance(timeout - TimeSpan.FromSeconds(1));
        Assert.Empty(await escalations.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
        Assert.Null(await escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([id], await escalations.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal)));
        var takeover = Assert.Single(claims, claim => claim is not null);
        Assert.NotEqual(abandoned.ClaimId, takeover!.ClaimId);
        Assert.Empty(await escalations.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));

        // The task moved up once in the books, and the first claimer, were it only slow, cannot undo the takeover.
        await escalations.ReleaseEscalationAsync(abandoned);
        var record = (await tasks.GetAsync(id))!;
        Assert.Equal((TaskPriority.Normal, 1, TaskState.Queued), (record.Queue, record.Escalations, record.State));

        // Both claimers may have sent a copy: the original is passed over and the copies take effect once.
        await escalations.ConfirmEscalationCopyAsync(id, TaskPriority.Normal);
        Assert.Equal(TaskStartOutcome.EscalatedAway, await tasks.TryStartAsync(id, TaskPriority.Low, "test", clock.GetUtcNow()));
        Assert.Equal(TaskStartOutcome.Started, await tasks.TryStartAsync(id, TaskPriority.Normal, "test", clock.GetUtcNow()));
        Assert.True(await tasks.CompleteOnceAsync(id, TaskPriority.Low, TaskPriority.Normal, "test", record.AcceptedAt, clock.GetUtcNow()));
        Assert.Equal(TaskStartOutcome.AlreadyCompleted, await tasks.TryStartAsync(id, TaskPriority.Normal, "test", clock.GetUtcNow()));
        Assert.False(await tasks.CompleteOnceAsync(id, TaskPriority.Low, TaskPriority.Normal, "test", record.AcceptedAt, clock.GetUtcNow()));
        Assert.Equal(1, (await tasks.GetAsync(id))!.Effects);
    }

    [Fact]
    public async Task Releasing_a_claim_survives_spurious_transaction_aborts()
    {
        var id = await AcceptedLowTaskAsync();
        var claim = await _escalations.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal);
        Assert.NotNull(claim);

        // Garnet aborts an EXEC when any key in a watched key's bucket is written; force three such aborts in a row.
        var aborts = new ForcedTransactionAborts(_redis, count: 3);
        await new EscalationStore(aborts.Connection, TimeProvider.System, Options.Create(new PriorityQueueOptions())).ReleaseEscalationAsync(claim);

        Assert.Equal(0, aborts.Remaining);
        var record = (await _tasks.GetAsync(id))!;
        Assert.Equal((TaskPriority.Low, 0, TaskState.Queued), (record.Queue, record.Escalations, record.State));
        Assert.Equal([id], await _escalations.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
    }

    private async Task<string> AcceptedLowTaskAsync()
    {
        var id = $"ledger-{Guid.NewGuid():N}";
        await _tasks.RecordAcceptedAsync([(id, TaskPriority.Low)], DateTimeOffset.UtcNow);
        _ids.Add(id);
        return id;
    }
}
