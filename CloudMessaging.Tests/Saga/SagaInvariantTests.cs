using CloudMessaging.Shared.Saga;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Saga;

/// <summary>
/// Many sagas at once, with random failures and stalls, across three orchestrator and participant replicas: once
/// everything has settled the books must balance. Stock and payments are compared as deltas, so other sagas that ran
/// before on the same AppHost do not matter (tests of one collection run one at a time).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class SagaInvariantTests(AppHostFixture fixture)
{
    private const int Sagas = 200;

    private readonly SagaApi _api = new(fixture.Api);

    [Fact]
    public async Task Two_hundred_concurrent_sagas_with_failures_and_stalls_keep_stock_and_payments_consistent()
    {
        var random = new Random(11);
        var orders = Enumerable.Range(0, Sagas).Select(i => PlannedOrder.Random(random, $"invariant-{i}")).ToList();
        var stockBefore = await _api.StockAsync();
        var paymentsBefore = await _api.PaymentTotalsAsync();

        var ids = await Task.WhenAll(orders.Select(o => _api.PlaceAsync(o.ToJson())));
        var planned = ids.Zip(orders).ToDictionary(pair => pair.First, pair => pair.Second);

        var finished = await Eventually.ReturnsAsync(
            async () =>
            {
                var states = await Task.WhenAll(ids.Select(_api.GetAsync));
                return states.All(s => s is { IsFinished: true }) ? states.Select(s => s!).ToList() : null;
            },
            TimeSpan.FromMinutes(6),
            "every saga to complete or be cancelled",
            TimeSpan.FromSeconds(2));

        // Quiescence: the stalled participants' late answers have come in as well.
        var stalled = ids.Where(id => planned[id].StallAt is not null).ToList();
        foreach (var id in stalled)
        {
            await _api.TimelineShowsAsync(id, s => s.Has("IgnoredReply", action: StepAction.Do), $"the stalled step of {id} to answer late");
        }

        var states = (await Task.WhenAll(ids.Select(_api.GetAsync))).Select(s => s!).ToList();
        Assert.All(states, s => Assert.True(s.Status is SagaStatus.Completed or SagaStatus.Cancelled, $"{s.OrderId} is {s.Status}"));
        Assert.Equal(finished.Select(s => s.Status), states.Select(s => s.Status));
        Assert.All(states.Where(s => planned[s.OrderId].Sabotaged), s => Assert.Equal(SagaStatus.Cancelled, s.Status));
        var completed = states.Where(s => s.Status == SagaStatus.Completed).ToList();
        Assert.NotEmpty(completed);

        // Reserved stock is exactly the items of completed orders; nothing reserved went missing from available.
        var stockAfter = await _api.StockAsync();
        foreach (var product in ProductCatalog.Products)
        {
            var expected = completed.SelectMany(s => s.Items).Where(i => i.ProductId == product.Id).Sum(i => (long)i.Quantity);
            Assert.Equal(expected, stockAfter[product.Id].Reserved - stockBefore[product.Id].Reserved);
            Assert.Equal(-expected, stockAfter[product.Id].Available - stockBefore[product.Id].Available);
        }

        // Captured payments are exactly the completed orders' amounts...
        var paymentsAfter = await _api.PaymentTotalsAsync();
        Assert.Equal(completed.Count, paymentsAfter.CapturedCount - paymentsBefore.CapturedCount);
        Assert.Equal(completed.Sum(s => s.Amount), paymentsAfter.Captured - paymentsBefore.Captured);

        // ...and order by order: captured in full when completed, nothing charged when cancelled.
        var payments = await Task.WhenAll(states.Select(s => _api.PaymentAsync(s.OrderId)));
        foreach (var (state, payment) in states.Zip(payments))
        {
            if (state.Status == SagaStatus.Completed)
            {
                Assert.Equal(("Captured", state.Amount), (payment?.Status, payment?.Amount));
            }
            else
            {
                Assert.True(payment is null || payment.Status != "Captured", $"cancelled order {state.OrderId} is {payment?.Status}");
            }
        }
    }

    private sealed record PlannedOrder(string CustomerId, decimal Amount, (string Product, int Quantity)[] Items, string? FailAt, string? StallAt)
    {
        private static readonly string[] Steps = ["inventory", "payment", "shipping"];

        public bool Sabotaged => FailAt is not null || StallAt is not null;

        public static PlannedOrder Random(Random random, string customerId)
        {
            var items = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (ProductCatalog.Products[random.Next(ProductCatalog.Products.Count)].Id, random.Next(1, 6)))
                .ToArray();
            var amount = random.Next(100, 50_000) / 100m;
            var roll = random.NextDouble();
            return roll switch
            {
                < 0.10 => new(customerId, amount, items, "inventory", null),
                < 0.20 => new(customerId, amount, items, "payment", null),
                < 0.30 => new(customerId, amount, items, "shipping", null),
                < 0.42 => new(customerId, amount, items, null, Steps[random.Next(Steps.Length)]),
                _ => new(customerId, amount, items, null, null),
            };
        }

        public System.Text.Json.Nodes.JsonObject ToJson() => SagaApi.Order(CustomerId, Amount, Items, FailAt, StallAt);
    }
}
