using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudMessaging.Screenshots;

/// <summary>The job whose story the screenshots tell: its id (the message id) and its trace.</summary>
public sealed record JobStory(string JobId, string TraceId);

/// <summary>One request per pattern (so every meter has a point), and a report job followed until it succeeds.</summary>
public static class SampleTraffic
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    public static async Task<JobStory> SendAsync(Uri api)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        using var accepted = await PostAsync(http, "/api/jobs", new { kind = "report", input = new { values = new[] { 4, 8, 15, 16, 23, 42 } }, durationMs = 1500 });
        var job = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var story = new JobStory(job.GetProperty("id").GetString()!, job.GetProperty("traceId").GetString()!);

        (await PostAsync(http, "/api/orders/events", new { id = $"evt-{Guid.NewGuid():N}", type = "OrderPlaced", data = new { orderId = "1001", customerId = "c-7", total = 120.50, country = "NL", customerTier = "gold" } })).Dispose();
        (await PostAsync(http, "/api/tasks", new { priority = "high", payload = "resize image 42", workMilliseconds = 200 })).Dispose();
        (await PostAsync(http, "/api/tasks", new { priority = "low", payload = "rebuild index", workMilliseconds = 200 })).Dispose();
        (await PostAsync(http, "/api/orders", new { customerId = "alice", amount = 25.50, items = new[] { new { productId = "widget", quantity = 2 } } })).Dispose();
        (await PostAsync(http, "/api/orders", new { customerId = "bob", amount = 99.99, items = new[] { new { productId = "gadget", quantity = 1 } }, failAt = "payment" })).Dispose();
        (await PostAsync(http, "/api/work", new { id = $"work-{Guid.NewGuid():N}", handlerMilliseconds = 50 })).Dispose();

        var deadline = DateTimeOffset.UtcNow + JobTimeout;
        while ((await http.GetAsync($"/api/jobs/{story.JobId}")).StatusCode != HttpStatusCode.SeeOther)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {story.JobId} did not succeed within {JobTimeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return story;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body)
    {
        // The API answers /health before every dependency is ready: a 503 ("retry shortly") is retried a while.
        var deadline = DateTimeOffset.UtcNow + JobTimeout;
        var response = await http.PostAsJsonAsync(path, body);
        while (response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTimeOffset.UtcNow < deadline)
        {
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(2));
            response = await http.PostAsJsonAsync(path, body);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
