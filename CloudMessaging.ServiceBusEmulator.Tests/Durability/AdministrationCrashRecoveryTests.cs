using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Durability;

/// <summary>
/// The durability contract for the topology: queues, topics, subscriptions and rules created, updated or deleted
/// through ServiceBusAdministrationClient are back after SIGKILL and a restart on the same data directory, with
/// their messages; deleted ones stay deleted, and one created again under a deleted name starts empty.
/// </summary>
public sealed class AdministrationCrashRecoveryTests : IDisposable
{
    private const string Config = """
        { "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns",
          "Queues": [ { "Name": "configured", "Properties": { "MaxDeliveryCount": 5 } } ],
          "Topics": [ { "Name": "events", "Properties": {}, "Subscriptions": [
            { "Name": "all", "Properties": {} }, { "Name": "kept", "Properties": {} } ] } ] } ],
          "Logging": { "Type": "Console" } } }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("sbemulator-admin-durable-").FullName;
    private readonly string _config;
    private readonly string _data;

    public AdministrationCrashRecoveryTests()
    {
        _config = Path.Combine(_directory, "Config.json");
        File.WriteAllText(_config, Config);
        _data = Path.Combine(_directory, "data");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Entities_created_updated_and_deleted_through_the_administration_client_survive_SIGKILL_with_their_messages()
    {
        long lastOrderSequence;
        using (var first = EmulatorProcess.Start(_config, _data))
        {
            var connectionString = await first.ConnectionStringAsync();
            var admin = new ServiceBusAdministrationClient(connectionString);
            await admin.CreateQueueAsync(new CreateQueueOptions("orders") { LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 4, UserMetadata = "created" });
            await admin.CreateTopicAsync(new CreateTopicOptions("news") { RequiresDuplicateDetection = true });
            await admin.CreateSubscriptionAsync(
                new CreateSubscriptionOptions("news", "urgent") { MaxDeliveryCount = 6 },
                new CreateRuleOptions("urgent-only", new SqlRuleFilter("priority > 1")));
            await admin.CreateRuleAsync("news", "urgent", new CreateRuleOptions("from-ops", new CorrelationRuleFilter { Subject = "ops" }));
            await admin.CreateQueueAsync("doomed");

            await using var client = new ServiceBusClient(connectionString);
            await client.CreateSender("doomed").SendMessageAsync(new ServiceBusMessage("lost-with-its-queue"));
            await using var orders = client.CreateSender("orders");
            await orders.SendMessagesAsync([new ServiceBusMessage("order-1"), new ServiceBusMessage("order-2")]);
            lastOrderSequence = await orders.ScheduleMessageAsync(new ServiceBusMessage("order-later"), DateTimeOffset.UtcNow.AddHours(1));
            await using var news = client.CreateSender("news");
            await news.SendMessagesAsync([
                new ServiceBusMessage("urgent") { MessageId = "n1", ApplicationProperties = { ["priority"] = 2 } },
                new ServiceBusMessage("routine") { MessageId = "n2", ApplicationProperties = { ["priority"] = 0 } },
                new ServiceBusMessage("ops") { MessageId = "n3", Subject = "ops" }]);
            await client.CreateSender("events").SendMessageAsync(new ServiceBusMessage("event"));

            var queue = (await admin.GetQueueAsync("orders")).Value;
            queue.LockDuration = TimeSpan.FromSeconds(45);
            queue.MaxDeliveryCount = 7;
            queue.UserMetadata = "updated";
            await admin.UpdateQueueAsync(queue);
            var configured = (await admin.GetQueueAsync("configured")).Value;
            configured.MaxDeliveryCount = 9;
            configured.Status = EntityStatus.SendDisabled;
            await admin.UpdateQueueAsync(configured);
            var subscription = (await admin.GetSubscriptionAsync("news", "urgent")).Value;
            subscription.LockDuration = TimeSpan.FromSeconds(50);
            await admin.UpdateSubscriptionAsync(subscription);

            await admin.DeleteQueueAsync("doomed");
            await admin.CreateQueueAsync("doomed");
            await admin.DeleteSubscriptionAsync("events", "all");
            await first.KillAsync();
        }

        using var second = EmulatorProcess.Start(_config, _data);
        var restartedConnection = await second.ConnectionStringAsync();
        var restartedAdmin = new ServiceBusAdministrationClient(restartedConnection);

        var ordersQueue = (await restartedAdmin.GetQueueAsync("orders")).Value;
        Assert.Equal((TimeSpan.FromSeconds(45), 7, "updated"), (ordersQueue.LockDuration, ordersQueue.MaxDeliveryCount, ordersQueue.UserMetadata));
        var configuredQueue = (await restartedAdmin.GetQueueAsync("configured")).Value;
        Assert.Equal((9, EntityStatus.SendDisabled), (configuredQueue.MaxDeliveryCount, configuredQueue.Status));
        Assert.True((await restartedAdmin.GetTopicAsync("news")).Value.RequiresDuplicateDetection);
        var urgent = (await restartedAdmin.GetSubscriptionAsync("news", "urgent")).Value;
        Assert.Equal((TimeSpan.FromSeconds(50), 6), (urgent.LockDuration, urgent.MaxDeliveryCount));
        var rules = new List<string>();
        await foreach (var rule in restartedAdmin.GetRulesAsync("news", "urgent"))
        {
            rules.Add(rule.Name);
        }

        Assert.Equal(["urgent-only", "from-ops"], rules);
        Assert.False((await restartedAdmin.SubscriptionExistsAsync("events", "all")).Value);
        Assert.True((await restartedAdmin.SubscriptionExistsAsync("events", "kept")).Value);
        Assert.True((await restartedAdmin.QueueExistsAsync("doomed")).Value);
        Assert.Equal(0, (await restartedAdmin.GetQueueRuntimePropertiesAsync("doomed")).Value.TotalMessageCount);

        await using var restarted = new ServiceBusClient(restartedConnection);
        await using var ordersReceiver = restarted.CreateReceiver("orders");
        Assert.Equal(["order-1", "order-2"], (await CrashRecoveryTests.ReceiveAllAsync(ordersReceiver, 2)).Select(m => m.Body.ToString()).Order());
        Assert.Equal("order-later", (await ordersReceiver.PeekMessageAsync(lastOrderSequence))?.Body.ToString());
        await using var urgentReceiver = restarted.CreateReceiver("news", "urgent");
        Assert.Equal(["ops", "urgent"], (await CrashRecoveryTests.ReceiveAllAsync(urgentReceiver, 2)).Select(m => m.Body.ToString()).Order());
        await using var kept = restarted.CreateReceiver("events", "kept");
        Assert.Equal("event", (await CrashRecoveryTests.ReceiveAllAsync(kept, 1))[0].Body.ToString());

        // The recovered definitions are the ones in force: the topic still detects duplicates, the sender is still refused.
        await using var newsAgain = restarted.CreateSender("news");
        await newsAgain.SendMessageAsync(new ServiceBusMessage("urgent again") { MessageId = "n1", ApplicationProperties = { ["priority"] = 2 } });
        await newsAgain.SendMessageAsync(new ServiceBusMessage("fresh") { MessageId = "n4", ApplicationProperties = { ["priority"] = 3 } });
        Assert.Equal("fresh", (await CrashRecoveryTests.ReceiveAllAsync(urgentReceiver, 1))[0].Body.ToString());
        var refused = await Assert.ThrowsAsync<ServiceBusException>(() => restarted.CreateSender("configured").SendMessageAsync(new ServiceBusMessage("no")));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityDisabled, refused.Reason);
        await using var newOrders = restarted.CreateSender("orders");
        Assert.True(await newOrders.ScheduleMessageAsync(new ServiceBusMessage("after"), DateTimeOffset.UtcNow.AddHours(1)) > lastOrderSequence);
    }
}
