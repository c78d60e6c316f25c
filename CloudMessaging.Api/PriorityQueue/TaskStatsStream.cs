using CloudMessaging.Api.Http;
using CloudMessaging.Api.Security;
using CloudMessaging.Shared.PriorityQueue;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.PriorityQueue;

/// <summary>
/// <c>GET /api/tasks/stats/events</c>: the body of <c>GET /api/tasks/stats</c> as a Server-Sent Event (<c>stats</c>)
/// whenever it changes, so a live chart of each level's depth, waits and escalations needs no polling.
/// </summary>
internal static class TaskStatsStream
{
    public const string EventType = "stats";

    public static async Task<IResult> StreamAsync(
        TaskStatsStore stats,
        TimeProvider time,
        IOptions<PriorityQueueOptions> options,
        IOptions<LiveStreamOptions> live,
        IOptions<SecurityOptions> security,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var first = await ReadAsync(stats, time, options.Value);
        return PolledEventStream.Create<TaskStatsResponse>(
            first, async () => await ReadAsync(stats, time, options.Value), _ => false, EventType,
            json.Value.SerializerOptions, live.Value, security.Value, time, cancellationToken);
    }

    public static async Task<TaskStatsResponse> ReadAsync(TaskStatsStore stats, TimeProvider time, PriorityQueueOptions options)
    {
        var snapshots = await Task.WhenAll(TaskPriorities.All.Select(stats.ReadLevelAsync));
        var now = time.GetUtcNow();
        return new TaskStatsResponse(
            options.StatsWindow.TotalSeconds,
            options.EscalateAfter.TotalSeconds,
            snapshots.ToDictionary(s => s.Priority.Name(), s => TaskLevelStats.From(s, now)));
    }
}
