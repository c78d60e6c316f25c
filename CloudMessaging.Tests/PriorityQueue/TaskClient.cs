using System.Net;
using System.Net.Http.Json;

namespace CloudMessaging.Tests.PriorityQueue;

/// <summary>
/// The priority queue's HTTP API as the tests use it. Its records are the JSON contract, declared apart from the
/// API's on purpose: a change to what clients receive must break these tests.
/// </summary>
internal sealed class TaskClient(HttpClient api)
{
    public sealed record Submission(string Priority, int WorkMilliseconds, string? Payload = null);

    public sealed record Accepted(string Id, string Priority, string Status, string StatusUrl);

    public sealed record BatchAccepted(IReadOnlyList<Accepted> Tasks);

    public sealed record View(
        string Id,
        string Priority,
        string Queue,
        string Status,
        DateTimeOffset AcceptedAt,
        DateTimeOffset? StartedAt,
        DateTimeOffset? CompletedAt,
        long? QueueWaitMilliseconds,
        int Escalations,
        int Attempts,
        int Effects,
        string? HandledBy)
    {
        public bool IsCompleted => Status == "Completed";
    }

    public sealed record Stats(double WindowSeconds, double EscalateAfterSeconds, IReadOnlyDictionary<string, LevelStats> Levels);

    public sealed record LevelStats(long Accepted, long Completed, long Escalated, long WaitingNow, long? OldestWaitingMilliseconds, Percentiles QueueWait);

    public sealed record Percentiles(int Samples, long? P50Milliseconds, long? P95Milliseconds, long? P99Milliseconds);

    public async Task<IReadOnlyList<Accepted>> SubmitBatchAsync(IEnumerable<Submission> submissions)
    {
        var all = new List<Accepted>();
        foreach (var chunk in submissions.Chunk(500))
        {
            using var response = await api.PostAsJsonAsync("/api/tasks/batch", new { tasks = chunk });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            all.AddRange((await response.Content.ReadFromJsonAsync<BatchAccepted>())!.Tasks);
        }

        return all;
    }

    public async Task<View> GetAsync(string id) =>
        (await api.GetFromJsonAsync<View>($"/api/tasks/{id}"))!;

    public async Task<IReadOnlyList<View>> GetAllAsync(IEnumerable<string> ids)
    {
        var statuses = new List<View>();
        foreach (var chunk in ids.Chunk(50))
        {
            statuses.AddRange(await Task.WhenAll(chunk.Select(GetAsync)));
        }

        return statuses;
    }

    public async Task<Stats> GetStatsAsync() => (await api.GetFromJsonAsync<Stats>("/api/tasks/stats"))!;

    /// <summary>Polls until every task has completed, then returns their final statuses.</summary>
    public async Task<IReadOnlyList<View>> WaitForAllCompletedAsync(IReadOnlyCollection<string> ids, TimeSpan timeout)
    {
        var pending = ids.ToHashSet();
        var done = new Dictionary<string, View>();
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var status in await GetAllAsync(pending.ToList()))
                {
                    if (status.IsCompleted)
                    {
                        done[status.Id] = status;
                        pending.Remove(status.Id);
                    }
                }

                return pending.Count == 0;
            },
            timeout,
            $"every one of {ids.Count} tasks to complete",
            TimeSpan.FromMilliseconds(500));
        return [.. ids.Select(id => done[id])];
    }
}
