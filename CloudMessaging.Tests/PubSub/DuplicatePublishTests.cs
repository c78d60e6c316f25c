using CloudMessaging.Shared.PubSub;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.PubSub;

[Collection(AppHostCollection.Name)]
public sealed class DuplicatePublishTests(AppHostFixture fixture)
{
    [Fact]
    public async Task An_event_published_twice_is_delivered_once_to_each_subscriber()
    {
        var api = new PubSubApi(fixture.Api);
        await using var services = await PubSubServices.ConnectAsync(fixture);
        var orderEvent = SampleOrderEvent.Create(SampleOrderEvent.NewRun("duplicate"), 0, OrderEventTypes.OrderConfirmed, 2500m, "NL");
        var expected = new Dictionary<string, IReadOnlySet<string>> { [orderEvent.Id] = ExpectedRouting.SubscribersFor(orderEvent.Type, orderEvent.Data) };

        // A publisher retrying after a lost answer sends the same id again; the topic's duplicate detection drops it.
        await api.PublishAcceptedAsync(orderEvent.Body);
        await api.PublishAcceptedAsync(orderEvent.Body);
        await api.PublishAcceptedAsync(new[] { orderEvent.Body });

        await api.WaitForDeliveriesAsync(expected, TimeSpan.FromMinutes(2));
        await services.WaitUntilDrainedAsync(expected.Keys, TimeSpan.FromMinutes(2));
        var deliveries = (await api.WaitForDeliveriesAsync(expected, TimeSpan.FromSeconds(30)))[orderEvent.Id];

        Assert.Equal(expected[orderEvent.Id].Order(), deliveries.HandledBy.Keys.Order());
        Assert.Empty(deliveries.Repeats);
        Assert.All(deliveries.HandledBy.Values, handled => Assert.Equal(1, handled.DeliveryCount));
    }
}
