using CloudMessaging.Web.Api;
using CloudMessaging.Web.Components.Diagrams;
using CloudMessaging.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Web.Components.Pages.CompetingConsumers;

/// <summary>
/// Sends a batch (or an ordered batch) and follows its counters through the API's event streams
/// (<c>/api/work/batches/{id}/events</c>, <c>/api/work/ordered/{id}/events</c>): items per replica, duplicates
/// suppressed, dead letters (replayable), and an ordered batch's order violations.
/// </summary>
public sealed partial class CompetingConsumersPage
{
    private readonly TokenFlights _flights = new();
    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenSource? _followingBatch;
    private CancellationTokenSource? _followingOrdered;

    private int _count = 60;
    private int _handlerMilliseconds = 50;
    private double _failureRate;
    private bool _poison;
    private int _keys = 4;
    private int _itemsPerKey = 10;
    private bool _sending;

    private WorkBatchStats? _batch;
    private OrderedBatchStats? _ordered;
    private DeadLetterList? _deadLetters;
    private ReplayResult? _replay;
    private ApiProblem? _batchProblem;
    private ApiProblem? _orderedProblem;
    private ApiProblem? _replayProblem;
    private ApiProblem? _unavailable;

    [Inject] private CloudMessagingApi Api { get; set; } = null!;

    [Inject] private IOptions<WebOptions> Options { get; set; } = null!;

    /// <summary>The replicas in a stable order (by name), so each keeps its box in the diagram.</summary>
    private IReadOnlyList<KeyValuePair<string, long>> ReplicaSlots =>
        _batch is null ? [] : [.. _batch.ProcessedByReplica.OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await RefreshDeadLettersAsync();
        }
    }

    private async Task SendBatchAsync()
    {
        _sending = true;
        try
        {
            var faults = Options.Value.FaultInjection;
            var request = new WorkBatchRequest(_count, _handlerMilliseconds, faults && _failureRate > 0 ? _failureRate : null, faults && _poison ? true : null);
            var response = await Api.PostAsync<WorkBatchAccepted>("/api/work/batch", request, _stop.Token);
            _batchProblem = response.Problem;
            _unavailable = response.IsUnavailable ? response.Problem : null;
            if (response is { IsSuccess: true, Value: { } accepted })
            {
                _batch = null;
                _flights.Launch(CompetingConsumersDiagram.Api.Right, CompetingConsumersDiagram.Work.Left, $"+{accepted.Count}");
                _followingBatch = Restart(_followingBatch);
                _ = Api.FollowAsync<WorkBatchStats>($"/api/work/batches/{accepted.BatchId}/events", OnBatchAsync, OnStreamProblemAsync, reopen: static () => true, _followingBatch.Token);
            }
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task SendOrderedAsync()
    {
        _sending = true;
        try
        {
            var response = await Api.PostAsync<OrderedBatchAccepted>("/api/work/ordered", new OrderedWorkRequest(_keys, _itemsPerKey, 0), _stop.Token);
            _orderedProblem = response.Problem;
            _unavailable = response.IsUnavailable ? response.Problem : null;
            if (response is { IsSuccess: true, Value: { } accepted })
            {
                _ordered = null;
                _followingOrdered = Restart(_followingOrdered);
                // The API ends this stream once every key is done.
                _ = Api.FollowAsync<OrderedBatchStats>($"/api/work/ordered/{accepted.BatchId}/events", OnOrderedAsync, OnStreamProblemAsync, reopen: () => _ordered is null || _ordered.KeysCompleted < _ordered.Keys, _followingOrdered.Token);
            }
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task ReplayAsync()
    {
        _sending = true;
        try
        {
            var response = await Api.PostAsync<ReplayResult>("/api/deadletters/work/replay", new ReplayRequest(All: true), _stop.Token);
            _replayProblem = response.Problem;
            _replay = response.Value;
            if (_replay is { Replayed: > 0 } replay)
            {
                _flights.Launch(CompetingConsumersDiagram.DeadLetters.Top, CompetingConsumersDiagram.Work.Bottom, $"↺{replay.Replayed}", TokenKind.Reply);
            }

            await RefreshDeadLettersAsync();
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task OnBatchAsync(WorkBatchStats stats)
    {
        var previous = _batch;
        _batch = stats;
        Animate(previous, stats);
        if (stats.DeadLettered > (previous?.DeadLettered ?? 0))
        {
            await RefreshDeadLettersAsync();
        }

        await InvokeAsync(StateHasChanged);
    }

    private Task OnOrderedAsync(OrderedBatchStats stats)
    {
        _ordered = stats;
        return InvokeAsync(StateHasChanged);
    }

    private Task OnStreamProblemAsync(ApiProblem? problem)
    {
        _unavailable = problem is { IsUnavailable: true } ? problem : null;
        return InvokeAsync(StateHasChanged);
    }

    /// <summary>A token from the queue to every replica that took items since the last event, and to the DLQ.</summary>
    private void Animate(WorkBatchStats? previous, WorkBatchStats current)
    {
        var slots = ReplicaSlots;
        for (var slot = 0; slot < slots.Count; slot++)
        {
            var (replica, count) = slots[slot];
            var before = previous?.ProcessedByReplica.GetValueOrDefault(replica) ?? 0;
            if (count > before)
            {
                _flights.Launch(CompetingConsumersDiagram.Work.Right, CompetingConsumersDiagram.Replica(slot).Left, $"{count - before}");
            }
        }

        if (current.DeadLettered > (previous?.DeadLettered ?? 0))
        {
            _flights.Launch(CompetingConsumersDiagram.Work.Bottom, CompetingConsumersDiagram.DeadLetters.Top, $"{current.DeadLettered - (previous?.DeadLettered ?? 0)}", TokenKind.DeadLetter);
        }
    }

    private async Task RefreshDeadLettersAsync()
    {
        try
        {
            var response = await Api.GetAsync<DeadLetterList>("/api/deadletters/work", _stop.Token);
            _deadLetters = response.Value ?? _deadLetters;
            _unavailable = response.IsUnavailable ? response.Problem : null;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private CancellationTokenSource Restart(CancellationTokenSource? following)
    {
        following?.Cancel();
        return CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelled, not disposed: a stream's reader may still look at the token as it winds down.
        await _stop.CancelAsync();
    }
}
