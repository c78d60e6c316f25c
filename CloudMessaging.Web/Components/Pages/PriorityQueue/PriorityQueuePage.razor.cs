using CloudMessaging.Web.Api;
using CloudMessaging.Web.Components.Diagrams;
using Microsoft.AspNetCore.Components;

namespace CloudMessaging.Web.Components.Pages.PriorityQueue;

/// <summary>
/// Floods tasks-low, sends high tasks past the backlog, and draws each level's depth and waits from the API's stats
/// event stream (<c>/api/tasks/stats/events</c>), animating what each event changed.
/// </summary>
public sealed partial class PriorityQueuePage
{
    private const int MaxBatch = 1000;

    private static readonly IReadOnlyList<(string, string, Func<TaskLevelStats, double?>, bool)> DepthLines =
        [.. TaskStatsHistory.Levels.Select(level => (level, level, (Func<TaskLevelStats, double?>)(s => s.WaitingNow), false))];

    private static readonly IReadOnlyList<(string, string, Func<TaskLevelStats, double?>, bool)> WaitLines =
    [
        .. TaskStatsHistory.Levels.Select(level => ($"{level} p50", level, (Func<TaskLevelStats, double?>)(s => s.QueueWait.P50Milliseconds), false)),
        .. TaskStatsHistory.Levels.Select(level => ($"{level} p99", level, (Func<TaskLevelStats, double?>)(s => s.QueueWait.P99Milliseconds), true)),
    ];

    private readonly TokenFlights _flights = new();
    private readonly TaskStatsHistory _history = new();
    private readonly CancellationTokenSource _stop = new();

    private int _floodCount = 300;
    private int _floodWork = 100;
    private int _highCount = 5;
    private int _highWork;
    private bool _sending;
    private long _floodAccepted;
    private ApiProblem? _floodProblem;
    private ApiProblem? _highProblem;
    private ApiProblem? _streamProblem;
    private HighTaskRun? _highRun;

    [Inject] private CloudMessagingApi Api { get; set; } = null!;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = FollowStatsAsync(_stop.Token);
        }
    }

    private async Task FloodAsync()
    {
        _floodProblem = await SendAsync("low", _floodCount, _floodWork);
    }

    private async Task SendHighAsync()
    {
        var before = _history.Latest;
        var run = new HighTaskRun(_highCount, before?.Level("high").Completed ?? 0, before is null ? 0 : HighTaskRun.Backlog(before), DateTimeOffset.UtcNow);
        _highProblem = await SendAsync("high", _highCount, _highWork);
        if (_highProblem is null)
        {
            _highRun = run;
        }
    }

    /// <summary>Sends count tasks in batches of at most 1000 (the API's limit); the API checks every field.</summary>
    private async Task<ApiProblem?> SendAsync(string priority, int count, int workMilliseconds)
    {
        _sending = true;
        try
        {
            var remaining = Math.Max(count, 0);
            do
            {
                // count 0 or less goes through once, so the API's own refusal ("tasks") is what the page shows.
                var size = Math.Clamp(remaining, 0, MaxBatch);
                var response = await Api.PostAsync<TaskBatchAccepted>(
                    "/api/tasks/batch", new TaskBatchRequest([.. Enumerable.Repeat(new TaskRequest(priority, workMilliseconds), size)]), _stop.Token);
                if (!response.IsSuccess)
                {
                    return response.Problem;
                }

                if (priority == "low")
                {
                    _floodAccepted += response.Value?.Tasks.Count ?? 0;
                }

                remaining -= size;
            }
            while (remaining > 0);

            return null;
        }
        finally
        {
            _sending = false;
        }
    }

    private Task FollowStatsAsync(CancellationToken cancellationToken) =>
        Api.FollowAsync<TaskStats>("/api/tasks/stats/events", OnStatsAsync, OnStreamProblemAsync, reopen: static () => true, cancellationToken);

    private Task OnStatsAsync(TaskStats stats)
    {
        var now = DateTimeOffset.UtcNow;
        var previous = _history.Add(stats, now);
        _highRun?.Observe(stats, now);
        _streamProblem = null;
        Animate(previous, stats);
        return InvokeAsync(StateHasChanged);
    }

    private Task OnStreamProblemAsync(ApiProblem? problem)
    {
        _streamProblem = problem;
        return InvokeAsync(StateHasChanged);
    }

    /// <summary>One token per kind of change since the last event: tasks arriving, tasks taken, tasks escalated.</summary>
    private void Animate(TaskStats? previous, TaskStats current)
    {
        if (previous is null)
        {
            return;
        }

        foreach (var level in TaskStatsHistory.Levels)
        {
            var before = previous.Level(level);
            var now = current.Level(level);
            var queue = PriorityQueueDiagram.Queue(level);
            if (now.Accepted > before.Accepted)
            {
                _flights.Launch(PriorityQueueDiagram.Api.Right, queue.Left, $"+{now.Accepted - before.Accepted}");
            }

            if (now.Completed > before.Completed)
            {
                _flights.Launch(queue.Right, PriorityQueueDiagram.Worker.Left, $"{now.Completed - before.Completed}", TokenKind.Reply);
            }
        }

        if (current.Level("low").Escalated > previous.Level("low").Escalated)
        {
            _flights.Launch(PriorityQueueDiagram.LowUp, PriorityQueueDiagram.NormalDown, $"↑{current.Level("low").Escalated - previous.Level("low").Escalated}", TokenKind.Failure);
        }

        if (current.Level("normal").Escalated > previous.Level("normal").Escalated)
        {
            _flights.Launch(PriorityQueueDiagram.NormalUp, PriorityQueueDiagram.HighDown, $"↑{current.Level("normal").Escalated - previous.Level("normal").Escalated}", TokenKind.Failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelled, not disposed: the stream's reader may still look at the token as it winds down.
        await _stop.CancelAsync();
    }
}
