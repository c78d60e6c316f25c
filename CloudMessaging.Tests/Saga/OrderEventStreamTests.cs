using System.Net;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Saga;

[Collection(AppHostCollection.Name)]
public sealed class OrderEventStreamTests(AppHostFixture fixture)
{
    private readonly SagaApi _saga = new(fixture.Api);

    [Fact]
    public async Task A_failing_payment_streams_its_timeline_to_cancelled_and_the_stream_ends()
    {
        var orderId = await _saga.PlaceAsync(SagaApi.Order("stream-1", 25m, [("widget", 1)], failAt: "payment"));

        using var cts = new CancellationTokenSource(SagaApi.SagaDeadline);
        await using var stream = await LiveEventStream.OpenAsync(fixture.Api, $"/api/orders/{orderId}/events", cts.Token);
        var events = await stream.ReadToEndAsync(cts.Token);

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("order", e.Type));
        var last = events[^1].Data;
        Assert.Equal("cancelled", last.GetProperty("status").GetString());
        var timeline = last.GetProperty("timeline").EnumerateArray().Select(e => (Event: e.GetProperty("event").GetString(), Step: e.TryGetProperty("step", out var s) ? s.GetString() : null)).ToList();
        Assert.Contains(("Failed", "payment"), timeline);
        Assert.Contains(("Compensated", "inventory"), timeline);
        var versions = events.Select(e => e.Data.GetProperty("version").GetInt32()).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task The_stream_of_an_unknown_order_is_404()
    {
        using var response = await fixture.Api.GetAsync($"/api/orders/{Guid.NewGuid():N}/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
