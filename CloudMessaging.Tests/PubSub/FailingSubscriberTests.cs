using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.PubSub;

[Collection(AppHostCollection.Name)]
public sealed class FailingSubscriberTests(AppHostFixture fixture)
{
    private const string Failing = EntityNames.OrdersSubscriptions.Shipping;

    [Fact]
    public async Task A_failing_subscriber_dead_letters_only_its_own_copies_while_the_others_go_on()
    {
        var api = new PubSubApi(fixture.Api);
        await using var services = await PubSubServices.ConnectAsync(fixture);
        var run = SampleOrderEvent.NewRun("failing");
        var events = Enumerable.Range(0, 5)
            .Select(i => SampleOrderEvent.Create(run, i, OrderEventTypes.OrderPlaced, 20m + i, i % 2 == 0 ? "NL" : "BR"))
            .ToList();
        var ids = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        var deadLetteredBefore = (await api.GetSubscriberAsync(Failing)).DeadLettered;
        await api.SetFailingAsync(Failing, failing: true);
        try
        {
            await api.PublishAcceptedAsync(events.Select(e => e.Body).ToList());

            var others = events.ToDictionary(
                e => e.Id,
                e => (IReadOnlySet<string>)ExpectedRouting.SubscribersFor(e.Type, e.Data).Where(s => s != Failing).ToHashSet());
            await api.WaitForDeliveriesAsync(others, TimeSpan.FromMinutes(2));

            var deadLettered = await services.WaitForDeadLetteredAsync(Failing, ids, TimeSpan.FromMinutes(2));
            Assert.All(deadLettered, m => Assert.Equal("MaxDeliveryCountExceeded", m.DeadLetterReason));

            await services.WaitUntilDrainedAsync(ids, TimeSpan.FromMinutes(2));
            foreach (var other in OrderSubscribers.All.Where(s => s != Failing))
            {
                Assert.Empty((await services.PeekMessageIdsAsync(other, Azure.Messaging.ServiceBus.SubQueue.DeadLetter)).Intersect(ids));
            }

            var deliveries = await api.WaitForDeliveriesAsync(others, TimeSpan.FromSeconds(30));
            Assert.All(deliveries.Values, d => Assert.DoesNotContain(Failing, d.HandledBy.Keys));

            var shipping = await api.GetSubscriberAsync(Failing);
            Assert.True(shipping.Failing);
            Assert.True(shipping.DeadLettered >= deadLetteredBefore + events.Count, $"shipping shows {shipping.DeadLettered} dead-lettered, {deadLetteredBefore} before");
        }
        finally
        {
            await api.SetFailingAsync(Failing, failing: false);
        }

        // Switched back on, the subscriber handles new events again.
        var after = SampleOrderEvent.Create(run, 99, OrderEventTypes.OrderPlaced, 5m, "NL");
        await api.PublishAcceptedAsync(after.Body);
        await api.WaitForDeliveriesAsync(
            new Dictionary<string, IReadOnlySet<string>> { [after.Id] = ExpectedRouting.SubscribersFor(after.Type, after.Data) },
            TimeSpan.FromMinutes(2));
        Assert.False((await api.GetSubscriberAsync(Failing)).Failing);
    }
}
