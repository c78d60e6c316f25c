using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Tests.PubSub;

/// <summary>The publisher-subscriber API as a test sees it over real HTTP.</summary>
public sealed class PubSubApi(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> PublishAsync(object body) => Http.PostAsJsonAsync("/api/orders/events", body, Json);

    public async Task PublishAcceptedAsync(object body)
    {
        using var response = await PublishAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Publishing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The event's deliveries, or null while no subscriber has handled it (404).</summary>
    public async Task<Deliveries?> GetDeliveriesAsync(string eventId)
    {
        using var response = await Http.GetAsync($"/api/orders/events/{eventId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Deliveries>(Json);
    }

    /// <summary>
    /// Waits until every event has been handled by at least the subscribers <paramref name="expected"/> names for it,
    /// and returns each event's deliveries as they then are.
    /// </summary>
    public async Task<Dictionary<string, Deliveries>> WaitForDeliveriesAsync(
        IReadOnlyDictionary<string, IReadOnlySet<string>> expected, TimeSpan timeout)
    {
        var done = new Dictionary<string, Deliveries>(StringComparer.Ordinal);
        var lastSeen = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        try
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    var pending = expected.Keys.Where(id => !done.ContainsKey(id)).ToList();
                    await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
                    {
                        var deliveries = await GetDeliveriesAsync(id);
                        lock (done)
                        {
                            lastSeen[id] = deliveries?.HandledBy.Keys ?? (IReadOnlyCollection<string>)[];
                            if (deliveries is not null && expected[id].IsSubsetOf(deliveries.HandledBy.Keys))
                            {
                                done[id] = deliveries;
                            }
                        }
                    });
                    return done.Count == expected.Count;
                },
                timeout,
                "every subscriber to handle the events its filter admits",
                TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException ex)
        {
            var missing = expected.Where(e => !done.ContainsKey(e.Key)).Take(5)
                .Select(e => $"{e.Key} lacks {string.Join("+", e.Value.Except(lastSeen.GetValueOrDefault(e.Key) ?? []))}");
            throw new TimeoutException(
                $"{ex.Message}: {expected.Count - done.Count} of {expected.Count} events still short, such as {string.Join("; ", missing)}", ex);
        }

        // Read again: a subscriber that should not have had an event may have recorded it after the first look.
        foreach (var id in expected.Keys)
        {
            done[id] = (await GetDeliveriesAsync(id))!;
        }

        return done;
    }

    public async Task<IReadOnlyList<Subscriber>> GetSubscribersAsync() =>
        (await Http.GetFromJsonAsync<IReadOnlyList<Subscriber>>("/api/subscribers", Json))!;

    public async Task<Subscriber> GetSubscriberAsync(string name) =>
        (await Http.GetFromJsonAsync<Subscriber>($"/api/subscribers/{name}", Json))!;

    public Task<HttpResponseMessage> PutFilterAsync(string subscriber, string sql, string? ruleName = null) =>
        Http.PutAsJsonAsync($"/api/subscribers/{subscriber}/filter", new { sql, ruleName }, Json);

    public async Task SetFailingAsync(string subscriber, bool failing)
    {
        using var response = failing
            ? await Http.PutAsync($"/api/subscribers/{subscriber}/failure", content: null)
            : await Http.DeleteAsync($"/api/subscribers/{subscriber}/failure");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public sealed record Deliveries(string Id, Dictionary<string, HandledEvent> HandledBy, Dictionary<string, long> Repeats);

    public sealed record Subscriber(string Name, long Handled, HandledEvent? LastEvent, bool Failing, int DeadLettered, IReadOnlyList<Rule> Rules);

    public sealed record Rule(string Name, string FilterType, string? SqlExpression, Dictionary<string, string>? Correlation, string? Action);
}
