using System.Net;
using System.Net.Http.Json;

namespace CloudMessaging.Tests.CompetingConsumers;

/// <summary>
/// The competing consumers API as the tests call it, and the shapes it answers with: the JSON contract, declared apart
/// from the API's records on purpose, so that a change to what clients receive breaks these tests.
/// </summary>
internal sealed class WorkApi(HttpClient api)
{
    public async Task<BatchAccepted> SendBatchAsync(object request)
    {
        using var response = await api.PostAsJsonAsync("/api/work/batch", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BatchAccepted>())!;
    }

    public async Task<BatchStats> GetBatchAsync(string batchId) =>
        (await api.GetFromJsonAsync<BatchStats>($"/api/work/batches/{batchId}"))!;

    public Task<BatchStats> WaitForBatchAsync(string batchId, long processed, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            async () => await GetBatchAsync(batchId) is { } stats && stats.Processed >= processed ? stats : null,
            timeout,
            $"batch {batchId} to reach {processed} processed items",
            TimeSpan.FromMilliseconds(250));

    public sealed record BatchAccepted(string BatchId, int Count, string FirstId, string LastId);

    public sealed record BatchStats(
        string BatchId,
        long Accepted,
        long Processed,
        long DuplicatesSuppressed,
        long DeadLettered,
        long TransientFailures,
        long ItemsApplied,
        long MaxApplicationsPerItem,
        Dictionary<string, long> ProcessedByReplica);

    public sealed record OrderedAccepted(string BatchId, int Keys, int ItemsPerKey);

    public sealed record OrderedStats(
        string BatchId,
        int Keys,
        int ItemsPerKey,
        long Processed,
        long OrderViolations,
        int KeysCompleted,
        Dictionary<string, long> KeysByReplica);

    public sealed record ItemStatus(string Id, string Status, string? ProcessedBy);

    public sealed record DeadLetterList(string Entity, int Count, List<DeadLetteredMessage> Messages);

    public sealed record DeadLetteredMessage(string MessageId, long SequenceNumber, string? Reason, string? Description, int DeliveryCount, DateTimeOffset EnqueuedTime, int ReplayCount);

    public sealed record ReplayResult(string Entity, string SentTo, int Replayed, List<string> ReplayedIds, List<string> NotFound);

    public sealed record Stats(long Accepted, long Processed, long DuplicatesSuppressed, long DeadLettered, long TransientFailures, long InFlight, Dictionary<string, long> ProcessedByReplica);
}
