using Azure.Messaging.ServiceBus;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

public sealed class SendReceiveTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sent_message_is_received_with_broker_properties_and_completed()
    {
        var queue = fixture.CreateQueue("basic");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        await sender.SendMessageAsync(new ServiceBusMessage("hello") { MessageId = "m1", Subject = "greeting" });
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(received);
        Assert.Equal("hello", received.Body.ToString());
        Assert.Equal("m1", received.MessageId);
        Assert.Equal("greeting", received.Subject);
        Assert.Equal(1, received.SequenceNumber);
        Assert.Equal(1, received.DeliveryCount);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        Assert.True(received.EnqueuedTime > DateTimeOffset.UtcNow.AddMinutes(-1));

        await receiver.CompleteMessageAsync(received);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(queue)!.MessageCount);
    }

    [Fact]
    public async Task Batch_sizing_follows_the_advertised_limit_and_batches_arrive_in_order()
    {
        var queue = fixture.CreateQueue("batch");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);

        using var batch = await sender.CreateMessageBatchAsync();
        Assert.Equal(256 * 1024, batch.MaxSizeInBytes);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"b{i}")));
        }

        await sender.SendMessagesAsync(batch);
        await sender.SendMessagesAsync(Enumerable.Range(10, 5).Select(i => new ServiceBusMessage($"b{i}")));

        var bodies = await ReceiveBodies(receiver, 15);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => $"b{i}"), bodies);
    }

    [Fact]
    public async Task Message_over_the_size_limit_raises_MessageSizeExceeded()
    {
        var queue = fixture.CreateQueue("big");
        await using var sender = fixture.Client.CreateSender(queue);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage(new byte[2 * 1024 * 1024])));

        Assert.Equal(ServiceBusFailureReason.MessageSizeExceeded, error.Reason);
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(queue)!.MessageCount);
    }

    [Fact]
    public async Task Messages_are_delivered_in_sequence_order_with_prefetch()
    {
        var queue = fixture.CreateQueue("prefetch");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync(Enumerable.Range(0, 50).Select(i => new ServiceBusMessage($"p{i}")));
        await using var receiver = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = 20 });

        var received = new List<ServiceBusReceivedMessage>();
        while (received.Count < 50)
        {
            var messages = await receiver.ReceiveMessagesAsync(50 - received.Count, Wait);
            Assert.NotEmpty(messages);
            foreach (var message in messages)
            {
                await receiver.CompleteMessageAsync(message);
            }

            received.AddRange(messages);
        }

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), received.Select(m => m.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"p{i}"), received.Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task ReceiveAndDelete_removes_messages_on_delivery()
    {
        var queue = fixture.CreateQueue("rad");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("a"), new ServiceBusMessage("b")]);
        await using var receiver = fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        var bodies = await ReceiveBodies(receiver, 2, complete: false);

        Assert.Equal(["a", "b"], bodies);
        Assert.Equal(0, fixture.Emulator.Namespace.FindEntity(queue)!.MessageCount);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task All_message_and_application_property_types_round_trip()
    {
        var queue = fixture.CreateQueue("props");
        await using var sender = fixture.Client.CreateSender(queue);
        await using var receiver = fixture.Client.CreateReceiver(queue);
        var guid = Guid.NewGuid();
        var dateTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var dateTimeOffset = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var message = new ServiceBusMessage(BinaryData.FromBytes([1, 2, 3]))
        {
            MessageId = "id-1",
            CorrelationId = "corr-1",
            Subject = "subject",
            To = "to-1",
            ReplyTo = "reply-queue",
            ReplyToSessionId = "reply-session",
            ContentType = "application/octet-stream",
            TimeToLive = TimeSpan.FromHours(3),
            ApplicationProperties =
            {
                ["string"] = "text",
                ["int"] = 42,
                ["long"] = 42L << 40,
                ["double"] = 3.25,
                ["bool"] = true,
                ["guid"] = guid,
                ["datetime"] = dateTime,
                ["datetimeoffset"] = dateTimeOffset,
                ["bytes"] = new byte[] { 9, 8, 7 },
            },
        };

        await sender.SendMessageAsync(message);
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(received);
        Assert.Equal([1, 2, 3], received.Body.ToArray());
        Assert.Equal("id-1", received.MessageId);
        Assert.Equal("corr-1", received.CorrelationId);
        Assert.Equal("subject", received.Subject);
        Assert.Equal("to-1", received.To);
        Assert.Equal("reply-queue", received.ReplyTo);
        Assert.Equal("reply-session", received.ReplyToSessionId);
        Assert.Equal("application/octet-stream", received.ContentType);
        Assert.Equal(TimeSpan.FromHours(3), received.TimeToLive);
        var properties = received.ApplicationProperties;
        Assert.Equal("text", properties["string"]);
        Assert.Equal(42, properties["int"]);
        Assert.Equal(42L << 40, properties["long"]);
        Assert.Equal(3.25, properties["double"]);
        Assert.Equal(true, properties["bool"]);
        Assert.Equal(guid, properties["guid"]);
        Assert.Equal(dateTime, ((DateTime)properties["datetime"]).ToUniversalTime());
        Assert.Equal(dateTimeOffset, properties["datetimeoffset"] is DateTimeOffset dto ? dto : new DateTimeOffset((DateTime)properties["datetimeoffset"]));
        Assert.Equal(new byte[] { 9, 8, 7 }, properties["bytes"]);
    }

    [Fact]
    public async Task Competing_receivers_share_the_messages_without_duplicates()
    {
        var queue = fixture.CreateQueue("compete");
        await using var sender = fixture.Client.CreateSender(queue);
        await sender.SendMessagesAsync(Enumerable.Range(0, 40).Select(i => new ServiceBusMessage($"c{i}")));
        await using var first = fixture.Client.CreateReceiver(queue);
        await using var second = fixture.Client.CreateReceiver(queue);

        var bodies = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task Drain(ServiceBusReceiver receiver)
        {
            while (bodies.Count < 40)
            {
                var messages = await receiver.ReceiveMessagesAsync(5, TimeSpan.FromSeconds(1));
                foreach (var message in messages)
                {
                    bodies.Add(message.Body.ToString());
                    await receiver.CompleteMessageAsync(message);
                }
            }
        }

        await Task.WhenAll(Drain(first), Drain(second)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(40, bodies.Distinct().Count());
        Assert.Equal(40, bodies.Count);
    }

    internal static async Task<List<string>> ReceiveBodies(ServiceBusReceiver receiver, int count, bool complete = true)
    {
        var bodies = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (bodies.Count < count && DateTime.UtcNow < deadline)
        {
            foreach (var message in await receiver.ReceiveMessagesAsync(count - bodies.Count, TimeSpan.FromSeconds(2)))
            {
                bodies.Add(message.Body.ToString());
                if (complete)
                {
                    await receiver.CompleteMessageAsync(message);
                }
            }
        }

        return bodies;
    }
}
