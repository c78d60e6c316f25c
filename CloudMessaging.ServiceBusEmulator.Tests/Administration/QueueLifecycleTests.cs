using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

public sealed class QueueLifecycleTests(AdministrationFixture fixture) : IClassFixture<AdministrationFixture>
{
    [Fact]
    public async Task Updated_settings_apply_to_later_deliveries()
    {
        var name = AdministrationFixture.UniqueName("adm-upd");
        var queue = (await fixture.Admin.CreateQueueAsync(new CreateQueueOptions(name) { MaxDeliveryCount = 5 })).Value;
        queue.MaxDeliveryCount = 1;
        queue.UserMetadata = "changed";

        var updated = (await fixture.Admin.UpdateQueueAsync(queue)).Value;

        Assert.Equal(1, updated.MaxDeliveryCount);
        Assert.Equal("changed", (await fixture.Admin.GetQueueAsync(name)).Value.UserMetadata);
        await using var sender = fixture.Client.CreateSender(name);
        await using var receiver = fixture.Client.CreateReceiver(name);
        await sender.SendMessageAsync(new ServiceBusMessage("once"));
        await receiver.AbandonMessageAsync(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)));
        await using var deadLetters = fixture.Client.CreateReceiver(name, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.NotNull(await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Disabled_queue_refuses_sends_and_receives_with_MessagingEntityDisabled()
    {
        var name = AdministrationFixture.UniqueName("adm-dis");
        var queue = (await fixture.Admin.CreateQueueAsync(name)).Value;
        await using var sender = fixture.Client.CreateSender(name);
        await sender.SendMessageAsync(new ServiceBusMessage("before"));
        queue.Status = EntityStatus.SendDisabled;
        await fixture.Admin.UpdateQueueAsync(queue);

        var sendError = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("after")));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityDisabled, sendError.Reason);
        await using var receiver = fixture.Client.CreateReceiver(name);
        Assert.Equal("before", (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10))).Body.ToString());

        queue.Status = EntityStatus.Disabled;
        await fixture.Admin.UpdateQueueAsync(queue);
        await using var lateReceiver = fixture.Client.CreateReceiver(name);
        var receiveError = await Assert.ThrowsAsync<ServiceBusException>(() => lateReceiver.ReceiveMessageAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityDisabled, receiveError.Reason);

        queue.Status = EntityStatus.Active;
        await fixture.Admin.UpdateQueueAsync(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("again"));
    }

    [Fact]
    public async Task Deleted_queue_detaches_its_links_with_MessagingEntityNotFound()
    {
        var name = AdministrationFixture.UniqueName("adm-del");
        await fixture.Admin.CreateQueueAsync(name);
        await using var sender = fixture.Client.CreateSender(name);
        await using var receiver = fixture.Client.CreateReceiver(name);
        await sender.SendMessageAsync(new ServiceBusMessage("x"));
        Assert.NotNull(await receiver.PeekMessageAsync());

        await fixture.Admin.DeleteQueueAsync(name);

        Assert.False(await fixture.Admin.QueueExistsAsync(name));
        var sendError = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("y")));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, sendError.Reason);
        var receiveError = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, receiveError.Reason);
    }

    [Fact]
    public async Task Forwarding_set_at_run_time_moves_messages_and_reads_back_as_a_URI()
    {
        var target = AdministrationFixture.UniqueName("adm-to");
        var source = AdministrationFixture.UniqueName("adm-from");
        await fixture.Admin.CreateQueueAsync(target);
        await fixture.Admin.CreateQueueAsync(new CreateQueueOptions(source) { ForwardTo = target });

        await using var sender = fixture.Client.CreateSender(source);
        await sender.SendMessageAsync(new ServiceBusMessage("moved"));

        await using var receiver = fixture.Client.CreateReceiver(target);
        Assert.Equal("moved", (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10))).Body.ToString());
        var read = (await fixture.Admin.GetQueueAsync(source)).Value;
        Assert.Equal($"sb://localhost/{target}", read.ForwardTo);
        read.ForwardTo = null;
        await fixture.Admin.UpdateQueueAsync(read);
        await sender.SendMessageAsync(new ServiceBusMessage("stays"));
        Assert.Equal(1, (await fixture.Admin.GetQueueRuntimePropertiesAsync(source)).Value.ActiveMessageCount);
    }

    [Fact]
    public async Task Queues_are_listed_in_pages()
    {
        var prefix = AdministrationFixture.UniqueName("adm-list");
        for (var i = 0; i < 3; i++)
        {
            await fixture.Admin.CreateQueueAsync($"{prefix}-{i}");
        }

        var names = new List<string>();
        await foreach (var queue in fixture.Admin.GetQueuesAsync())
        {
            names.Add(queue.Name);
        }

        Assert.Equal([$"{prefix}-0", $"{prefix}-1", $"{prefix}-2"], names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        var runtime = new List<QueueRuntimeProperties>();
        await foreach (var properties in fixture.Admin.GetQueuesRuntimePropertiesAsync())
        {
            runtime.Add(properties);
        }

        Assert.Equal(3, runtime.Count(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Runtime_counts_match_what_was_sent_received_scheduled_and_dead_lettered()
    {
        var name = AdministrationFixture.UniqueName("adm-cnt");
        await fixture.Admin.CreateQueueAsync(name);
        await using var sender = fixture.Client.CreateSender(name);
        await using var receiver = fixture.Client.CreateReceiver(name);
        await sender.SendMessagesAsync(Enumerable.Range(0, 5).Select(i => new ServiceBusMessage($"m{i}")));
        await sender.ScheduleMessageAsync(new ServiceBusMessage("later"), DateTimeOffset.UtcNow.AddHours(1));
        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.CompleteMessageAsync(first);
        var second = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.DeadLetterMessageAsync(second);

        var runtime = (await fixture.Admin.GetQueueRuntimePropertiesAsync(name)).Value;

        Assert.Equal(3, runtime.ActiveMessageCount);
        Assert.Equal(1, runtime.DeadLetterMessageCount);
        Assert.Equal(1, runtime.ScheduledMessageCount);
        Assert.Equal(5, runtime.TotalMessageCount);
        Assert.Equal(0, runtime.TransferMessageCount);
        Assert.Equal(0, runtime.TransferDeadLetterMessageCount);
        Assert.True(runtime.SizeInBytes > 0);
        Assert.True(runtime.AccessedAt >= runtime.CreatedAt);
        Assert.True(runtime.UpdatedAt >= runtime.CreatedAt);
    }

    [Fact]
    public async Task A_send_over_MaxSizeInMegabytes_fails_with_QuotaExceeded_and_stores_nothing_of_it()
    {
        var name = AdministrationFixture.UniqueName("adm-quota");
        await fixture.Admin.CreateQueueAsync(new CreateQueueOptions(name) { MaxSizeInMegabytes = 1 });
        await using var sender = fixture.Client.CreateSender(name);
        var body = new byte[200 * 1024];
        for (var i = 0; i < 5; i++)
        {
            await sender.SendMessageAsync(new ServiceBusMessage(body));
        }

        var before = (await fixture.Admin.GetQueueRuntimePropertiesAsync(name)).Value.ActiveMessageCount;
        using var batch = await sender.CreateMessageBatchAsync();
        Assert.True(batch.TryAddMessage(new ServiceBusMessage(new byte[100 * 1024])));
        Assert.True(batch.TryAddMessage(new ServiceBusMessage(new byte[100 * 1024])));

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessagesAsync(batch));

        Assert.Equal(ServiceBusFailureReason.QuotaExceeded, error.Reason);
        Assert.Equal(5, before);
        Assert.Equal(before, (await fixture.Admin.GetQueueRuntimePropertiesAsync(name)).Value.ActiveMessageCount);
    }
}
