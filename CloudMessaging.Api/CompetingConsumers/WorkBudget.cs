using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudMessaging.Api.CompetingConsumers;

/// <summary>
/// What one batch request may put on the queue: count × payload bytes. Each bound alone (10,000 items, 64 KiB) still
/// allows 640 MB in a single request; the budget keeps a request to what a queue absorbs without filling up.
/// </summary>
public static class WorkBudget
{
    public const long MaxPayloadBytesPerRequest = 16L * 1024 * 1024;

    /// <summary>Null when the batch fits the budget; else a validation problem naming count and payloadBytes.</summary>
    public static ValidationProblem? Check(int count, int? payloadBytes)
    {
        var total = (long)count * Math.Max(0, payloadBytes ?? 0);
        if (total <= MaxPayloadBytesPerRequest)
        {
            return null;
        }

        var message = $"count × payloadBytes is {total} bytes; one request may send at most {MaxPayloadBytesPerRequest}.";
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["count"] = [message], ["payloadBytes"] = [message] },
            title: "The batch exceeds the per-request budget.");
    }
}
