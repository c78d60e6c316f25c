using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.Saga;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Saga;

/// <summary>
/// A finished saga leaves nothing in the broker: its session state is cleared once the outcome is out, and the Redis
/// record carries on alone. A reply that arrives after that is handled against the record and changes nothing.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class SagaSessionStateTests(AppHostFixture fixture)
{
    private static readonly TimeSpan BrokerDeadline = TimeSpan.FromSeconds(60);

    private readonly SagaApi _api = new(fixture.Api);

    [Theory]
    [InlineData(null, SagaStatus.Completed)]
    [InlineData("payment", SagaStatus.Cancelled)]
    public async Task A_finished_saga_clears_its_session_state_and_a_late_reply_changes_nothing(string? failAt, SagaStatus outcome)
    {
        var orderId = await _api.PlaceAsync(SagaApi.Order("frank", 12.00m, [("widget", 1)], failAt: failAt));
        var finished = await _api.FinishedAsync(orderId);
        Assert.Equal(outcome, finished.Status);

        await using var client = new ServiceBusClient(await fixture.App.GetConnectionStringAsync(ConnectionNames.ServiceBus));
        Assert.Null(await SessionStateAsync(client, orderId));

        // A participant's answer that comes after the saga has finished (a redelivery, a slow replica).
        var lateReplica = $"late-{Guid.NewGuid():N}";
        var messageId = $"{orderId}:late-reply";
        await using (var sender = client.CreateSender(EntityNames.SagaQueue))
        {
            var reply = new StepReply(orderId, SagaStep.Payment, StepAction.Do, 1, StepOutcome.Succeeded, null, lateReplica);
            await sender.SendMessageAsync(new ServiceBusMessage(SagaJson.Serialize(reply))
            {
                MessageId = messageId,
                SessionId = orderId,
                Subject = SagaMessageSubjects.Reply,
                ContentType = "application/json",
            });
        }

        var after = await _api.TimelineShowsAsync(orderId,
            s => s.Timeline.Any(e => e.Event == "IgnoredReply" && e.Detail?.Contains(lateReplica, StringComparison.Ordinal) == true),
            "the orchestrator to record the late reply as ignored");
        Assert.Equal(outcome, after.Status);
        Assert.Equal(finished.Reason, after.Reason);
        Assert.Equal(finished.Timeline.Count + 1, after.Timeline.Count);

        // The reply was completed (neither left in the session nor dead-lettered), and the state stays cleared.
        Assert.Null(await SessionStateAsync(client, orderId, mustNotHold: messageId));
        await using var deadLetters = client.CreateReceiver(EntityNames.SagaQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.DoesNotContain(await PeekAllAsync(deadLetters), m => m.MessageId == messageId);
    }

    /// <summary>
    /// Locks the saga's session (once the orchestrator has let go of it) and reads its state; with
    /// <paramref name="mustNotHold"/>, waits until that message is no longer in the session.
    /// </summary>
    private static async Task<string?> SessionStateAsync(ServiceBusClient client, string orderId, string? mustNotHold = null) =>
        (await Eventually.ReturnsAsync(
            async () =>
            {
                ServiceBusSessionReceiver receiver;
                try
                {
                    receiver = await client.AcceptSessionAsync(EntityNames.SagaQueue, orderId);
                }
                catch (ServiceBusException exception) when (exception.Reason is ServiceBusFailureReason.SessionCannotBeLocked or ServiceBusFailureReason.ServiceTimeout)
                {
                    return null;
                }

                await using (receiver)
                {
                    if (mustNotHold is not null && (await PeekAllAsync(receiver)).Any(m => m.MessageId == mustNotHold))
                    {
                        return null;
                    }

                    var state = await receiver.GetSessionStateAsync();
                    return new Box(state is null || state.ToMemory().IsEmpty ? null : state.ToString());
                }
            },
            BrokerDeadline,
            $"to lock saga session {orderId}" + (mustNotHold is null ? string.Empty : $" without {mustNotHold} in it"),
            TimeSpan.FromMilliseconds(250))).State;

    private static async Task<List<ServiceBusReceivedMessage>> PeekAllAsync(ServiceBusReceiver receiver)
    {
        var all = new List<ServiceBusReceivedMessage>();
        while (await receiver.PeekMessagesAsync(100) is { Count: > 0 } page)
        {
            all.AddRange(page);
        }

        return all;
    }

    private sealed record Box(string? State);
}
