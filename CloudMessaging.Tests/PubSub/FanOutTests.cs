using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.PubSub;

[Collection(AppHostCollection.Name)]
public sealed class FanOutTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Each_subscriber_handles_exactly_the_events_its_filter_admits()
    {
        var api = new PubSubApi(fixture.Api);
        await using var services = await PubSubServices.ConnectAsync(fixture);
        var events = SampleOrderEvent.Varied(SampleOrderEvent.NewRun("fanout"), 200);
        var expected = events.ToDictionary(e => e.Id, e => ExpectedRouting.SubscribersFor(e.Type, e.Data));

        // The sample must exercise both filters both ways, or the test would prove little.
        Assert.Contains(expected.Values, s => s.Contains(EntityNames.OrdersSubscriptions.Fraud));
        Assert.Contains(expected.Values, s => !s.Contains(EntityNames.OrdersSubscriptions.Fraud));
        Assert.Contains(expected.Values, s => s.Contains(EntityNames.OrdersSubscriptions.Notifications));
        Assert.Contains(expected.Values, s => !s.Contains(EntityNames.OrdersSubscriptions.Notifications));

        // Two batches and the rest one by one, so both ways of publishing are covered.
        await api.PublishAcceptedAsync(events.Take(100).Select(e => e.Body).ToList());
        await api.PublishAcceptedAsync(events.Skip(100).Take(60).Select(e => e.Body).ToList());
        foreach (var orderEvent in events.Skip(160))
        {
            await api.PublishAcceptedAsync(orderEvent.Body);
        }

        await api.WaitForDeliveriesAsync(expected, TimeSpan.FromMinutes(3));
        await services.WaitUntilDrainedAsync(expected.Keys, TimeSpan.FromMinutes(2));
        var deliveries = await api.WaitForDeliveriesAsync(expected, TimeSpan.FromSeconds(30));

        foreach (var subscriber in OrderSubscribers.All)
        {
            var admitted = expected.Where(e => e.Value.Contains(subscriber)).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
            var handled = deliveries.Where(d => d.Value.HandledBy.ContainsKey(subscriber)).Select(d => d.Key).Order(StringComparer.Ordinal).ToList();
            Assert.True(admitted.SequenceEqual(handled),
                $"{subscriber} handled {handled.Count} events, its filter admits {admitted.Count}; " +
                $"extra: {string.Join(", ", handled.Except(admitted))}; missing: {string.Join(", ", admitted.Except(handled))}");
        }

        Assert.All(deliveries.Values, d => Assert.Empty(d.Repeats));
        var sample = events[0];
        var record = deliveries[sample.Id].HandledBy[EntityNames.OrdersSubscriptions.Billing];
        Assert.Equal((sample.Id, sample.Type, sample.Data.OrderId), (record.EventId, record.Type, record.OrderId));
        Assert.False(string.IsNullOrWhiteSpace(record.Effect));
        Assert.False(string.IsNullOrWhiteSpace(record.Replica));
    }

    [Fact]
    public async Task Subscribers_show_their_counts_last_event_and_current_rules()
    {
        var api = new PubSubApi(fixture.Api);
        var orderEvent = SampleOrderEvent.Create(SampleOrderEvent.NewRun("show"), 0, OrderEventTypes.OrderConfirmed, 10m, "NL");
        var countsBefore = (await api.GetSubscribersAsync()).ToDictionary(s => s.Name, s => s.Handled);
        await api.PublishAcceptedAsync(orderEvent.Body);
        await api.WaitForDeliveriesAsync(
            new Dictionary<string, IReadOnlySet<string>> { [orderEvent.Id] = ExpectedRouting.SubscribersFor(orderEvent.Type, orderEvent.Data) },
            TimeSpan.FromMinutes(2));

        var subscribers = (await api.GetSubscribersAsync()).ToDictionary(s => s.Name);

        Assert.Equal(OrderSubscribers.All.Order(), subscribers.Keys.Order());
        var notifications = subscribers[EntityNames.OrdersSubscriptions.Notifications];
        Assert.True(notifications.Handled > countsBefore[EntityNames.OrdersSubscriptions.Notifications]);
        Assert.NotNull(notifications.LastEvent);
        var correlation = Assert.Single(notifications.Rules);
        Assert.Equal("Correlation", correlation.FilterType);
        Assert.Equal(OrderEventTypes.OrderConfirmed, correlation.Correlation!["subject"]);

        var fraud = Assert.Single(subscribers[EntityNames.OrdersSubscriptions.Fraud].Rules);
        Assert.Equal(("high-risk", "Sql"), (fraud.Name, fraud.FilterType));
        Assert.Contains("total >= 1000", fraud.SqlExpression, StringComparison.Ordinal);

        var analytics = Assert.Single(subscribers[EntityNames.OrdersSubscriptions.Analytics].Rules);
        Assert.Equal("$Default", analytics.Name);
        Assert.Equal("True", analytics.FilterType);
    }
}
