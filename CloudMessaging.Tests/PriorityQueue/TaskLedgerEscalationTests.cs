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

        Assert.Single(claims, won => won);
        var record = (await _ledger.GetAsync(id))!;
        Assert.Equal(1, record.Escalations);
        Assert.Equal(TaskPriority.Normal, record.Queue);
        Assert.Equal(TaskState.Queued, record.State);
    }

    [Fact]
    public async Task Once_the_copy_is_confirmed_the_original_is_completed_without_work_and_the_copy_starts()
    {
        var id = await AcceptedLowTaskAsync();
        Assert.True(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));
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
        Assert.True(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));

        Assert.Equal(TaskStartOutcome.Started, await _ledger.TryStartAsync(id, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.False(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Normal, TaskPriority.High));
    }

    [Fact]
    public async Task A_released_claim_puts_the_task_back_and_it_can_be_escalated_again()
    {
        var id = await AcceptedLowTaskAsync();
        Assert.True(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));

        await _ledger.ReleaseEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal);

        var record = (await _ledger.GetAsync(id))!;
        Assert.Equal((TaskPriority.Low, 0, TaskState.Queued), (record.Queue, record.Escalations, record.State));
        Assert.Equal([id], await _ledger.WhichAreQueuedAtAsync([id], TaskPriority.Low));
        Assert.True(await _ledger.TryClaimEscalationAsync(id, TaskPriority.Low, TaskPriority.Normal));
    }

    [Fact]
    public async Task Only_tasks_still_queued_at_the_level_are_escalation_candidates()
    {
        var queued = await AcceptedLowTaskAsync();
        var started = await AcceptedLowTaskAsync();
        var movedUp = await AcceptedLowTaskAsync();
        Assert.Equal(TaskStartOutcome.Started, await _ledger.TryStartAsync(started, TaskPriority.Low, "test", DateTimeOffset.UtcNow));
        Assert.True(await _ledger.TryClaimEscalationAsync(movedUp, TaskPriority.Low, TaskPriority.Normal));

        var candidates = await _ledger.WhichAreQueuedAtAsync([queued, started, movedUp, $"unknown-{Guid.NewGuid():N}"], TaskPriority.Low);

        Assert.Equal([queued], candidates);
    }

    private async Task<string> AcceptedLowTaskAsync()
    {
        var id = $"ledger-{Guid.NewGuid():N}";
        await _ledger.RecordAcceptedAsync([(id, TaskPriority.Low)], DateTimeOffset.UtcNow);
        _ids.Add(id);
        return id;
    }
}
