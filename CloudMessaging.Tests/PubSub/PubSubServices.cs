using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.PubSub;

/// <summary>
/// A direct Service Bus client on the AppHost's emulator, for what HTTP does not show: whether a subscription still
/// holds a test's messages, and what its dead-letter queue holds.
/// </summary>
public sealed class PubSubServices(ServiceBusClient serviceBus) : IAsyncDisposable
{
    public ServiceBusClient ServiceBus { get; } = serviceBus;

    public static async Task<PubSubServices> ConnectAsync(AppHostFixture fixture) =>
        new(new ServiceBusClient((await fixture.App.GetConnectionStringAsync(ConnectionNames.ServiceBus))!));

    /// <summary>
    /// Waits until no subscription holds any of the events (peek sees active and locked messages alike): from then on
    /// every copy the broker admitted has been handled, so a subscriber that has not recorded an event never will.
    /// </summary>
    public Task WaitUntilDrainedAsync(IReadOnlyCollection<string> eventIds, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            async () =>
            {
                foreach (var subscription in OrderSubscribers.All)
                {
                    var held = await PeekMessageIdsAsync(subscription, SubQueue.None);
                    if (eventIds.Any(held.Contains))
                    {
                        return false;
                    }
                }

                return true;
            },
            timeout,
            "every subscription to have settled the test's events",
            TimeSpan.FromMilliseconds(250));

    public async Task<HashSet<string>> PeekMessageIdsAsync(string subscription, SubQueue subQueue) =>
        [.. (await PeekAsync(subscription, subQueue)).Select(m => m.MessageId)];

    /// <summary>Every message the (sub-)queue holds, without taking any.</summary>
    public async Task<List<ServiceBusReceivedMessage>> PeekAsync(string subscription, SubQueue subQueue)
    {
        await using var receiver = ServiceBus.CreateReceiver(EntityNames.OrdersTopic, subscription, new ServiceBusReceiverOptions { SubQueue = subQueue });
        var messages = new List<ServiceBusReceivedMessage>();
        long? from = null;
        while (true)
        {
            var page = await receiver.PeekMessagesAsync(250, from);
            if (page.Count == 0)
            {
                return messages;
            }

            messages.AddRange(page);
            from = page[^1].SequenceNumber + 1;
        }
    }

    /// <summary>Waits until the subscription's dead-letter queue holds every one of the events, and returns those copies.</summary>
    public Task<List<ServiceBusReceivedMessage>> WaitForDeadLetteredAsync(string subscription, IReadOnlySet<string> eventIds, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                var found = (await PeekAsync(subscription, SubQueue.DeadLetter)).Where(m => eventIds.Contains(m.MessageId)).ToList();
                return found.Count >= eventIds.Count ? found : null;
            },
            timeout,
            $"{subscription}'s dead-letter queue to hold the test's {eventIds.Count} events",
            TimeSpan.FromMilliseconds(500));

    public ValueTask DisposeAsync() => ServiceBus.DisposeAsync();
}
