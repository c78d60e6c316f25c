using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Saga;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Saga;

/// <summary>
/// The order saga end to end: HTTP into the API, the orchestrator and participants in the worker replicas over the
/// emulator, their stores in Garnet. Orders use unique ids and assertions look at their own records, so other
/// tests may share the AppHost.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class SagaTests(AppHostFixture fixture)
{
    private readonly SagaApi _api = new(fixture.Api);

    [Fact]
    public async Task Happy_path_reserves_stock_charges_ships_and_completes()
    {
        var orderId = await _api.PlaceAsync(SagaApi.Order("alice", 25.50m, [("widget", 2), ("gizmo", 1)]));

        var state = await _api.FinishedAsync(orderId);

        Assert.Equal(SagaStatus.Completed, state.Status);
        Assert.Null(state.Reason);
        Assert.Equal([SagaStep.Inventory, SagaStep.Payment, SagaStep.Shipping], state.Done);
        Assert.Empty(state.Compensations());
        Assert.Equal(["Submitted", "Started", "Requested", "Succeeded", "Requested", "Succeeded", "Requested", "Succeeded", "Completed"],
            state.Timeline.Select(e => e.Event));
        Assert.True(state.Timeline.Zip(state.Timeline.Skip(1)).All(pair => pair.First.At <= pair.Second.At), "the timeline is in time order");
        Assert.Equal("Reserved", await _api.ReservationStatusAsync(orderId));
        var payment = await _api.PaymentAsync(orderId);
        Assert.Equal(("Captured", 25.50m), (payment?.Status, payment?.Amount));

        // Enums travel by name, as docs/patterns/saga.md shows them.
        var json = await fixture.Api.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal("inventory", json.GetProperty("timeline")[2].GetProperty("step").GetString());
    }

    [Fact]
    public async Task Declined_payment_releases_the_inventory_and_cancels()
    {
        var orderId = await _api.PlaceAsync(SagaApi.Order("bob", 99.99m, [("gadget", 3)], failAt: "payment"));

        var state = await _api.FinishedAsync(orderId);

        Assert.Equal(SagaStatus.Cancelled, state.Status);
        Assert.Contains("Payment failed", state.Reason);
        Assert.True(state.Has("Failed", SagaStep.Payment, StepAction.Do));
        Assert.Equal([SagaStep.Inventory], state.Compensations());
        Assert.False(state.Has("Requested", SagaStep.Shipping));
        Assert.Equal("Released", await _api.ReservationStatusAsync(orderId));
        Assert.Equal("Declined", (await _api.PaymentAsync(orderId))?.Status);
    }

    [Fact]
    public async Task Impossible_shipping_refunds_the_payment_then_releases_the_inventory()
    {
        var orderId = await _api.PlaceAsync(SagaApi.Order("carol", 12.00m, [("doohickey", 1)], failAt: "shipping"));

        var state = await _api.FinishedAsync(orderId);

        Assert.Equal(SagaStatus.Cancelled, state.Status);
        Assert.True(state.Has("Failed", SagaStep.Shipping, StepAction.Do));
        Assert.Equal([SagaStep.Payment, SagaStep.Inventory], state.Compensations());
        Assert.Equal("Released", await _api.ReservationStatusAsync(orderId));
        var payment = await _api.PaymentAsync(orderId);
        Assert.Equal(("Refunded", 12.00m), (payment?.Status, payment?.Amount));
    }

    [Fact]
    public async Task Compensations_whose_answers_are_lost_are_resent_until_acknowledged()
    {
        var orderId = await _api.PlaceAsync(SagaApi.Order("frank", 19.90m, [("gadget", 2)], failAt: "shipping", flakyCompensation: true));

        var state = await _api.FinishedAsync(orderId);

        Assert.Equal(SagaStatus.Cancelled, state.Status);
        Assert.Equal([SagaStep.Payment, SagaStep.Inventory], state.Compensations());
        Assert.Equal(1, state.Count("CompensationTimedOut", SagaStep.Payment));
        Assert.Equal(1, state.Count("CompensationTimedOut", SagaStep.Inventory));
        var retry = Assert.Single(state.Timeline, e => e is { Event: "CompensationRequested", Step: SagaStep.Payment, Detail: "attempt 2" });

        // The first refund did happen; the resent one finds it done and only acknowledges it.
        Assert.Contains("already refunded", state.Timeline.Single(e => e is { Event: "Compensated", Step: SagaStep.Payment }).Detail);
        Assert.True(retry.At > state.Timeline.First(e => e is { Event: "CompensationRequested", Step: SagaStep.Payment }).At);
        var payment = await _api.PaymentAsync(orderId);
        Assert.Equal(("Refunded", 19.90m), (payment?.Status, payment?.Amount));
        Assert.Equal("Released", await _api.ReservationStatusAsync(orderId));
    }

    [Fact]
    public async Task A_stalled_participant_times_out_is_compensated_and_its_late_answer_changes_nothing()
    {
        var orderId = await _api.PlaceAsync(SagaApi.Order("dave", 40.00m, [("widget", 1)], stallAt: "payment"));

        var state = await _api.FinishedAsync(orderId);

        Assert.Equal(SagaStatus.Cancelled, state.Status);
        Assert.True(state.Has("TimedOut", SagaStep.Payment, StepAction.Do));
        Assert.Contains("did not answer in time", state.Reason);

        // The timed-out step is compensated first (it may still happen), then the step before it.
        Assert.Equal([SagaStep.Payment, SagaStep.Inventory], state.Compensations());

        // The stalled charge arrives after its compensation: the payment participant refuses it, and the
        // orchestrator records the late answer without acting on it.
        var late = await _api.TimelineShowsAsync(orderId, s => s.Has("IgnoredReply", SagaStep.Payment, StepAction.Do), "the stalled payment to answer late");
        Assert.Equal(SagaStatus.Cancelled, late.Status);
        Assert.Contains("Refused", late.Timeline.Last(e => e.Event == "IgnoredReply").Detail);
        Assert.Equal("Voided", (await _api.PaymentAsync(orderId))?.Status);
        Assert.Equal("Released", await _api.ReservationStatusAsync(orderId));
    }

    [Fact]
    public async Task The_same_commands_and_replies_delivered_again_change_nothing()
    {
        var orderId = await _api.PlaceAsync(SagaApi.Order("erin", 7.25m, [("gizmo", 4)]));
        var state = await _api.FinishedAsync(orderId);
        Assert.Equal(SagaStatus.Completed, state.Status);
        var stockBefore = await _api.StockAsync();
        var paymentsBefore = await _api.PaymentTotalsAsync();

        // Replay the saga's reserve and charge commands twice each, as a broker redelivery would, with fresh
        // message ids so that nothing but the participants' own idempotence stands in the way.
        await using var client = new ServiceBusClient(await fixture.App.GetConnectionStringAsync(ConnectionNames.ServiceBus));
        await using var inventory = client.CreateSender(EntityNames.InventoryQueue);
        await using var payment = client.CreateSender(EntityNames.PaymentQueue);
        for (var copy = 0; copy < 2; copy++)
        {
            await inventory.SendMessageAsync(Command(state, SagaStep.Inventory));
            await payment.SendMessageAsync(Command(state, SagaStep.Payment));
        }

        var after = await _api.TimelineShowsAsync(orderId,
            s => s.Count("IgnoredReply", SagaStep.Inventory) == 2 && s.Count("IgnoredReply", SagaStep.Payment) == 2,
            "the participants to answer the replayed commands");

        Assert.Equal(SagaStatus.Completed, after.Status);
        Assert.All(after.Timeline.Where(e => e.Event == "IgnoredReply"), e => Assert.Contains("Succeeded", e.Detail));
        Assert.Equal(stockBefore["gizmo"], (await _api.StockAsync())["gizmo"]);
        Assert.Equal(paymentsBefore, await _api.PaymentTotalsAsync());
        var record = await _api.PaymentAsync(orderId);
        Assert.Equal(("Captured", 7.25m), (record?.Status, record?.Amount));
    }

    [Theory]
    [InlineData("""{"customerId":"x","amount":10,"items":[]}""", "items")]
    [InlineData("""{"customerId":"x","amount":10}""", "items")]
    [InlineData("""{"customerId":"x","amount":10,"items":[{"productId":"unicorn","quantity":1}]}""", "items[0].productId")]
    [InlineData("""{"customerId":"x","amount":10,"items":[{"productId":"widget","quantity":0}]}""", "items[0].quantity")]
    [InlineData("""{"customerId":"x","amount":0,"items":[{"productId":"widget","quantity":1}]}""", "amount")]
    [InlineData("""{"customerId":"x","amount":-5,"items":[{"productId":"widget","quantity":1}]}""", "amount")]
    [InlineData("""{"customerId":"x","amount":1.005,"items":[{"productId":"widget","quantity":1}]}""", "amount")]
    [InlineData("""{"amount":10,"items":[{"productId":"widget","quantity":1}]}""", "customerId")]
    [InlineData("""{"customerId":"x","amount":10,"items":[{"productId":"widget","quantity":1}],"failAt":"billing"}""", "failAt")]
    [InlineData("""{"customerId":"x","amount":10,"items":[{"productId":"widget","quantity":1}],"failAt":"payment","stallAt":"payment"}""", "stallAt")]
    [InlineData("""{"customerId":"x","amount":10,"items":[{"productId":"widget","quantity":1}],"flakyCompensation":"yes"}""", "flakyCompensation")]
    [InlineData("""not json""", "body")]
    public async Task Bad_orders_get_a_400_naming_the_field_and_start_no_saga(string body, string field)
    {
        using var response = await fixture.Api.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}': {problem}");
    }

    [Fact]
    public async Task An_unknown_order_is_404_and_the_order_route_takes_only_ids()
    {
        using var unknown = await fixture.Api.GetAsync($"/api/orders/{Guid.NewGuid():N}");
        using var notAnId = await fixture.Api.GetAsync("/api/orders/not-an-id");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    private static ServiceBusMessage Command(SagaState state, SagaStep step) =>
        new(SagaJson.Serialize(new StepCommand(state.OrderId, step, StepAction.Do, 1, state.CustomerId, state.Items, state.Amount, Fail: false, Stall: false)))
        {
            MessageId = Guid.NewGuid().ToString("N"),
            Subject = SagaMessageSubjects.Command,
        };
}
