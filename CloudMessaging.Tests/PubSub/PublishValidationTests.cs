using System.Net;
using System.Net.Http.Json;
using System.Text;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CloudMessaging.Tests.PubSub;

[Collection(AppHostCollection.Name)]
public sealed class PublishValidationTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_published_event_is_accepted_at_once_with_where_to_follow_it()
    {
        var api = new PubSubApi(fixture.Api);
        var orderEvent = SampleOrderEvent.Create(SampleOrderEvent.NewRun("accepted"), 0, OrderEventTypes.OrderPlaced, 10m, "NL");

        using var response = await api.PublishAsync(orderEvent.Body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/orders/events/{orderEvent.Id}", response.Headers.Location?.OriginalString);
        var accepted = await response.Content.ReadFromJsonAsync<Accepted>(PubSubApi.Json);
        Assert.Equal(1, accepted!.Published);
        Assert.Equal(orderEvent.Id, Assert.Single(accepted.Events).Id);
    }

    [Theory]
    [InlineData("""{"type":"OrderShipped","data":{"orderId":"o1","customerId":"c1","total":1,"country":"NL","customerTier":"gold"}}""", "type")]
    [InlineData("""{"data":{"orderId":"o1","customerId":"c1","total":1,"country":"NL","customerTier":"gold"}}""", "type")]
    [InlineData("""{"type":"OrderPlaced"}""", "data")]
    [InlineData("""{"type":"OrderPlaced","data":{"customerId":"c1","total":1,"country":"NL","customerTier":"gold"}}""", "data.orderId")]
    [InlineData("""{"type":"OrderPlaced","data":{"orderId":"o1","customerId":"c1","country":"NL","customerTier":"gold"}}""", "data.total")]
    [InlineData("""{"type":"OrderPlaced","data":{"orderId":"o1","customerId":"c1","total":-5,"country":"NL","customerTier":"gold"}}""", "data.total")]
    [InlineData("""{"type":"OrderPlaced","data":{"orderId":"o1","customerId":"c1","total":"many","country":"NL","customerTier":"gold"}}""", "data.total")]
    [InlineData("""{"type":"OrderPlaced","data":{"orderId":"o1","customerId":"c1","total":1,"country":"Netherlands","customerTier":"gold"}}""", "data.country")]
    [InlineData("""{"type":"OrderPlaced","data":{"orderId":"o1","customerId":"c1","total":1,"country":"NL","customerTier":"bronze"}}""", "data.customerTier")]
    [InlineData("""{"type":"OrderCancelled","data":{"orderId":"o1","customerId":"c1","total":1,"country":"NL","customerTier":"gold"}}""", "data.reason")]
    [InlineData("""{"type":"OrderPlaced","time":"yesterday","data":{"orderId":"o1","customerId":"c1","total":1,"country":"NL","customerTier":"gold"}}""", "time")]
    [InlineData("""[]""", "body")]
    [InlineData("""42""", "body")]
    [InlineData("""{"type":""", "body")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        using var response = await fixture.Api.PostAsync("/api/orders/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_publishes_none_of_it()
    {
        var api = new PubSubApi(fixture.Api);
        await using var services = await PubSubServices.ConnectAsync(fixture);
        var run = SampleOrderEvent.NewRun("badbatch");
        var good = SampleOrderEvent.Create(run, 0, OrderEventTypes.OrderPlaced, 10m, "NL");
        var bad = SampleOrderEvent.Create(run, 1, OrderEventTypes.OrderPlaced, 10m, "NL") with { Type = "OrderLost" };

        using var response = await api.PublishAsync(new[] { good.Body, bad.Body });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["[1].type"], problem!.Errors.Keys);

        // A later event reaching every subscriber, with nothing of the batch left on the way, shows none of it went out.
        var sentinel = SampleOrderEvent.Create(run, 2, OrderEventTypes.OrderPlaced, 10m, "NL");
        await api.PublishAcceptedAsync(sentinel.Body);
        await api.WaitForDeliveriesAsync(
            new Dictionary<string, IReadOnlySet<string>> { [sentinel.Id] = ExpectedRouting.SubscribersFor(sentinel.Type, sentinel.Data) },
            TimeSpan.FromMinutes(2));
        await services.WaitUntilDrainedAsync([good.Id, sentinel.Id], TimeSpan.FromMinutes(2));
        Assert.Null(await api.GetDeliveriesAsync(good.Id));
        Assert.DoesNotContain(good.Id, await services.PeekMessageIdsAsync(EntityNames.OrdersSubscriptions.Analytics, Azure.Messaging.ServiceBus.SubQueue.DeadLetter));
    }

    [Fact]
    public async Task Repeated_ids_in_one_batch_and_unknown_subscribers_are_refused()
    {
        var api = new PubSubApi(fixture.Api);
        var orderEvent = SampleOrderEvent.Create(SampleOrderEvent.NewRun("repeat"), 0, OrderEventTypes.OrderPlaced, 10m, "NL");

        using var repeated = await api.PublishAsync(new[] { orderEvent.Body, orderEvent.Body });
        using var unknownSubscriber = await fixture.Api.PutAsync("/api/subscribers/payroll/failure", content: null);
        using var unknownEvent = await fixture.Api.GetAsync($"/api/orders/events/{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Contains("[1].id", (await repeated.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, unknownSubscriber.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownEvent.StatusCode);
    }

    private sealed record Accepted(int Published, IReadOnlyList<Event> Events);

    private sealed record Event(string Id, string Type, string OrderId, string Deliveries);
}
