using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;
using static CloudMessaging.ServiceBusEmulator.Tests.Conformance.TopicSubscriptions;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>A subscription behaves as a queue on the receive side; the send side belongs to its topic.</summary>
public sealed class TopicsSubscriptionEntityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_subscription_has_its_own_dead_letter_queue_and_max_delivery_count()
    {
        var topic = fixture.CreateTopic("subdlq", new SubscriptionDefinition { Name = "s", MaxDeliveryCount = 2 }, All("other"));
        await using var sender = fixture.Client.CreateSender(topic);
        await using var receiver = fixture.Client.CreateReceiver(topic, "s");
        await using var deadLetters = fixture.Client.CreateReceiver(topic, "s", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessagesAsync([new ServiceBusMessage("explicit"), new ServiceBusMessage("poison")]);

        var explicitMessage = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeadLetterMessageAsync(explicitMessage, "Invalid", "rejected by the handler");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await receiver.AbandonMessageAsync(await receiver.ReceiveMessageAsync(Wait));
        }

        var dead = await TopicsRoutingTests.ReceiveAsync(deadLetters, 2);
        Assert.Equal(["explicit", "poison"], dead.Select(m => m.Body.ToString()));
        Assert.Equal("Invalid", dead[0].DeadLetterReason);
        Assert.Equal("MaxDeliveryCountExceeded", dead[1].DeadLetterReason);

        // The sibling subscription still holds both messages.
        Assert.Equal(2, fixture.Emulator.Namespace.FindEntity(PathOf(topic, "other"))!.MessageCount);
    }

    [Fact]
    public async Task Deferred_and_peeked_subscription_messages_work_as_on_a_queue()
    {
        var topic = fixture.CreateTopic("subdefer", All("s"));
        await using var sender = fixture.Client.CreateSender(topic);
        await using var receiver = fixture.Client.CreateReceiver(topic, "s");
        await sender.SendMessageAsync(new ServiceBusMessage("later"));

        var message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeferMessageAsync(message);
        var peeked = await receiver.PeekMessageAsync();
        Assert.Equal(ServiceBusMessageState.Deferred, peeked.State);

        var deferred = await receiver.ReceiveDeferredMessageAsync(message.SequenceNumber);
        Assert.Equal("later", deferred.Body.ToString());
        await receiver.CompleteMessageAsync(deferred);
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task A_subscription_forwards_to_a_queue_and_its_dead_letters_to_another()
    {
        var forwarded = fixture.CreateQueue("subfwd");
        var deadLetterTarget = fixture.CreateQueue("subdlfwd");
        var topic = fixture.CreateTopic(
            "fwd",
            new SubscriptionDefinition { Name = "forwarding", ForwardTo = forwarded },
            new SubscriptionDefinition { Name = "dl", ForwardDeadLetteredMessagesTo = deadLetterTarget });
        await using var sender = fixture.Client.CreateSender(topic);

        await sender.SendMessageAsync(new ServiceBusMessage("routed") { ApplicationProperties = { ["k"] = 7 } });

        await using var forwardedReceiver = fixture.Client.CreateReceiver(forwarded);
        var received = await forwardedReceiver.ReceiveMessageAsync(Wait);
        Assert.Equal("routed", received.Body.ToString());
        Assert.Equal(7, received.ApplicationProperties["k"]);
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(PathOf(topic, "forwarding"))!.MessageCount);

        await using var dlReceiver = fixture.Client.CreateReceiver(topic, "dl");
        await dlReceiver.DeadLetterMessageAsync(await dlReceiver.ReceiveMessageAsync(Wait), "Bad", "bad payload");
        await using var deadLetterTargetReceiver = fixture.Client.CreateReceiver(deadLetterTarget);
        var deadLettered = await deadLetterTargetReceiver.ReceiveMessageAsync(Wait);
        Assert.Equal("routed", deadLettered.Body.ToString());
        Assert.Equal("Bad", deadLettered.DeadLetterReason);
    }

    [Fact]
    public async Task A_session_enabled_subscription_serves_sessions_like_a_queue()
    {
        var topic = fixture.CreateTopic("subsess", new SubscriptionDefinition { Name = "s", RequiresSession = true });
        await using var sender = fixture.Client.CreateSender(topic);
        await sender.SendMessagesAsync(
        [
            new ServiceBusMessage("a1") { SessionId = "A" },
            new ServiceBusMessage("b1") { SessionId = "B" },
            new ServiceBusMessage("a2") { SessionId = "A" },
        ]);

        await using var sessionA = await fixture.Client.AcceptSessionAsync(topic, "s", "A");
        var messages = await TopicsRoutingTests.ReceiveAsync(sessionA, 2);
        Assert.Equal(["a1", "a2"], messages.Select(m => m.Body.ToString()));
        await sessionA.SetSessionStateAsync(BinaryData.FromString("done"));
        Assert.Equal("done", (await sessionA.GetSessionStateAsync()).ToString());
        foreach (var message in messages)
        {
            await sessionA.CompleteMessageAsync(message);
        }

        await using var next = await fixture.Client.AcceptNextSessionAsync(topic, "s");
        Assert.Equal("B", next.SessionId);
        Assert.Equal("b1", (await next.ReceiveMessageAsync(Wait)).Body.ToString());

        var withoutSession = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendMessageAsync(new ServiceBusMessage("no session")));
        Assert.Contains("SessionId", withoutSession.Message);

        var plainReceiver = fixture.Client.CreateReceiver(topic, "s");
        await Assert.ThrowsAsync<InvalidOperationException>(() => plainReceiver.ReceiveMessageAsync(Wait));
    }

    [Fact]
    public async Task Sending_to_a_subscription_and_receiving_from_a_topic_are_refused()
    {
        var topic = fixture.CreateTopic("refuse", All("s"));
        await using var client = fixture.CreateClient(new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0 } });

        await using var subscriptionSender = client.CreateSender(PathOf(topic, "s"));
        var sendError = await Assert.ThrowsAsync<InvalidOperationException>(() => subscriptionSender.SendMessageAsync(new ServiceBusMessage("x")));
        Assert.Contains("subscription", sendError.Message);

        await using var topicReceiver = client.CreateReceiver(topic);
        var receiveError = await Assert.ThrowsAsync<InvalidOperationException>(() => topicReceiver.ReceiveMessageAsync(Wait));
        Assert.Contains("topic", receiveError.Message);

        await using var missing = client.CreateReceiver(topic, "missing");
        var notFound = await Assert.ThrowsAsync<ServiceBusException>(() => missing.ReceiveMessageAsync(Wait));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, notFound.Reason);
    }

    [Fact]
    public async Task Subscription_paths_are_case_insensitive()
    {
        var topic = fixture.CreateTopic("casing", All("Orders"));
        await using var sender = fixture.Client.CreateSender(topic.ToUpperInvariant());
        await sender.SendMessageAsync(new ServiceBusMessage("any case"));

        await using var receiver = fixture.Client.CreateReceiver(topic.ToLowerInvariant(), "ORDERS");
        Assert.Equal("any case", (await receiver.ReceiveMessageAsync(Wait)).Body.ToString());
    }
}
