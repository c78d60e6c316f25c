using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PriorityQueue;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Tests.PriorityQueue;

/// <summary>
/// The ledger's side of an escalation (claim, copy, confirm), against the AppHost's Garnet: the steps between which
/// an escalator can race another replica, a consumer, or die, which the end-to-end tests cannot stop at.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class TaskLedgerEscalationTests(AppHostFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _ids = [];
    private IConnectionMultiplexer _redis = null!;
    private TaskLedger _ledger = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync(ConnectionNames.Redis))!);
        _ledger = new TaskLedger(_redis, TimeProvider.System, Options.Create(new PriorityQueueOptions()));
    }

    public async Task DisposeAsync()
    {
        // These tasks have no messages: take them out of the waiting sets so the shared AppHost's stats do not
        // report them waiting forever (a start at high leaves every waiting set, whatever the task's state).
        foreach (var id in _ids)
        {
            await _ledger.TryStartAsync(id, TaskPriority.High, "cleanup", DateTimeOffset.UtcNow);
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Of_escalators_racing_for_the_same_task_exactly_one_wins()
    {
        var id = await AcceptedLowTaskAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal)));

        Assert.Single(claims, claim => claim is not null);
        var record = (await _ledger.GetAsync(id))!;
        Assert.Equal(1, record.Escalations);
        Assert.Equal(TaskPriority.Normal, record.Queue);
        Assert.Equal(TaskState.Queued, record.State);
    }

    [Fact]
    public async Task Once_the_copy_is_confirmed_the_original_is_completed_without_work_and_the_copy_starts()
    {
        var id = await AcceptedLowTaskAsync();
        Assert.NotNull(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));
        await _ledger.ConfirmEscalationCopyAsync(id, TaskPriority.Normal);

        Assert.Equal(TaskStartOutcome.EscalatedAway, await _ledger.TryStartAsync(id, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.Equal(0, (await _ledger.GetAsync(id))!.Attempts);
        Assert.Equal(TaskStartOutcome.Started, await _ledger.TryStartAsync(id, TaskPriority.Normal, "test", DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_claimed_task_whose_copy_was_never_confirmed_is_still_served_where_it_is()
    {
        // The escalator died (or is still sending) between claim and confirm: the original must not be dropped.
        var id = await AcceptedLowTaskAsync();
        Assert.NotNull(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));

        Assert.Equal(TaskStartOutcome.Started, await _ledger.TryStartAsync(id, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.Null(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Normal, TaskPriority.High));
    }

    [Fact]
    public async Task A_released_claim_puts_the_task_back_and_it_can_be_escalated_again()
    {
        var id = await AcceptedLowTaskAsync();
        var claim = await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal);
        Assert.NotNull(claim);

        await _ledger.ReleaseEscalationAsync(claim);

        var record = (await _ledger.GetAsync(id))!;
        Assert.Equal((TaskPriority.Low, 0, TaskState.Queued), (record.Queue, record.Escalations, record.State));
        Assert.Equal([id], await _ledger.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
        Assert.NotNull(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));
    }

    [Fact]
    public async Task Only_tasks_still_queued_at_the_level_are_escalation_candidates()
    {
        var queued = await AcceptedLowTaskAsync();
        var started = await AcceptedLowTaskAsync();
        var movedUp = await AcceptedLowTaskAsync();
        Assert.Equal(TaskStartOutcome.Started, await _ledger.TryStartAsync(started, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.NotNull(await _ledger.TryClaimEscalationAsync(movedUp, TaskPriority.Low, TaskPriority.Normal));

        var candidates = await _ledger.WhichCanEscalateAsync([queued, started, movedUp, $"unknown-{Guid.NewGuid():N}"], TaskPriority.Low, TaskPriority.Normal);

        Assert.Equal([queued], candidates);
    }

    [Fact]
    public async Task An_abandoned_claim_is_taken_again_once_it_expires_and_not_before_and_the_task_still_takes_effect_once()
    {
        var timeout = TimeSpan.FromSeconds(30);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var ledger = new TaskLedger(_redis, clock, Options.Create(new PriorityQueueOptions { EscalationClaimTimeout = timeout }));
        var id = await AcceptedLowTaskAsync();

        // The escalator claims the task and dies before sending the copy.
        var abandoned = await ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal);
        Assert.NotNull(abandoned);

        clock.Advance(timeout - TimeSpan.FromSeconds(1));
        Assert.Empty(await ledger.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
        Assert.Null(await ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([id], await ledger.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal)));
        var takeover = Assert.Single(claims, claim => claim is not null);
        Assert.NotEqual(abandoned.ClaimId, takeover!.ClaimId);
        Assert.Empty(await ledger.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));

        // The task moved up once in the books, and the first claimer, were it only slow, cannot undo the takeover.
        await ledger.ReleaseEscalationAsync(abandoned);
        var record = (await ledger.GetAsync(id))!;
        Assert.Equal((TaskPriority.Normal, 1, TaskState.Queued), (record.Queue, record.Escalations, record.State));

        // Both claimers may have sent a copy: the original is passed over and the copies take effect once.
        await ledger.ConfirmEscalationCopyAsync(id, TaskPriority.Normal);
        Assert.Equal(TaskStartOutcome.EscalatedAway, await ledger.TryStartAsync(id, TaskPriority.Low, "test", clock.GetUtcNow()));
        Assert.Equal(TaskStartOutcome.Started, await ledger.TryStartAsync(id, TaskPriority.Normal, "test", clock.GetUtcNow()));
        Assert.True(await ledger.CompleteOnceAsync(id, TaskPriority.Low, TaskPriority.Normal, "test", record.AcceptedAt, clock.GetUtcNow()));
        Assert.Equal(TaskStartOutcome.AlreadyCompleted, await ledger.TryStartAsync(id, TaskPriority.Normal, "test", clock.GetUtcNow()));
        Assert.False(await ledger.CompleteOnceAsync(id, TaskPriority.Low, TaskPriority.Normal, "test", record.AcceptedAt, clock.GetUtcNow()));
        Assert.Equal(1, (await ledger.GetAsync(id))!.Effects);
    }

    [Fact]
    public async Task Releasing_a_claim_survives_spurious_transaction_aborts()
    {
        var id = await AcceptedLowTaskAsync();
        var claim = await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal);
        Assert.NotNull(claim);

        // Garnet aborts an EXEC when any key in a watched key's bucket is written; force three such aborts in a row.
        var aborts = new ForcedTransactionAborts(_redis, count: 3);
        await new TaskLedger(aborts.Connection, TimeProvider.System, Options.Create(new PriorityQueueOptions())).ReleaseEscalationAsync(claim);

        Assert.Equal(0, aborts.Remaining);
        var record = (await _ledger.GetAsync(id))!;
        Assert.Equal((TaskPriority.Low, 0, TaskState.Queued), (record.Queue, record.Escalations, record.State));
        Assert.Equal([id], await _ledger.WhichCanEscalateAsync([id], TaskPriority.Low, TaskPriority.Normal));
    }

    private async Task<string> AcceptedLowTaskAsync()
    {
        var id = $"ledger-{Guid.NewGuid():N}";
        await _ledger.RecordAcceptedAsync([(id, TaskPriority.Low)], DateTimeOffset.UtcNow);
        _ids.Add(id);
        return id;
    }
}
