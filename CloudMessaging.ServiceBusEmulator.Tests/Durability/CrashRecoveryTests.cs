using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Durability;

/// <summary>
/// The durability contract, end to end: the emulator process is filled through the SDK, killed with SIGKILL,
/// started again on the same data directory, and every acknowledged effect is there, nothing completed comes back.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const string Config = """
        { "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns",
          "Queues": [
            { "Name": "work", "Properties": { "MaxDeliveryCount": 5, "LockDuration": "PT5M" } },
            { "Name": "sessions", "Properties": { "RequiresSession": true, "LockDuration": "PT5M" } },
            { "Name": "dedup", "Properties": { "RequiresDuplicateDetection": true, "DuplicateDetectionHistoryTimeWindow": "PT10M" } } ],
          "Topics": [ { "Name": "events", "Properties": {}, "Subscriptions": [
            { "Name": "all", "Properties": {} },
            { "Name": "filtered", "Properties": {} } ] } ] } ],
          "Logging": { "Type": "Console" } } }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("sbemulator-durable-").FullName;
    private readonly string _config;
    private readonly string _data;

    public CrashRecoveryTests()
    {
        _config = Path.Combine(_directory, "Config.json");
        File.WriteAllText(_config, Config);
        _data = Path.Combine(_directory, "data");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Queue_messages_settlements_schedules_and_dead_letters_survive_SIGKILL()
    {
        long deferredSequence, lastSequence;
        DateTimeOffset scheduledFor;
        Dictionary<string, DateTimeOffset> enqueued;
        using (var first = EmulatorProcess.Start(_config, _data))
        {
            await using var client = new ServiceBusClient(await first.ConnectionStringAsync());
            await using var sender = client.CreateSender("work");
            await using var receiver = client.CreateReceiver("work");
            await sender.SendMessageAsync(new ServiceBusMessage("complete-me"));
            await sender.SendMessagesAsync([Message("dead-letter-me"), Message("defer-me"), Message("abandon-me"), Message("untouched")]);
            scheduledFor = DateTimeOffset.UtcNow.AddSeconds(6);
            await sender.ScheduleMessageAsync(new ServiceBusMessage("scheduled"), scheduledFor);
            var cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancelled"), DateTimeOffset.UtcNow.AddHours(1));
            await sender.CancelScheduledMessageAsync(cancelled);

            var received = await ReceiveAsync(receiver, 5);
            await receiver.CompleteMessageAsync(received["complete-me"]);
            await receiver.DeadLetterMessageAsync(received["dead-letter-me"], "bad-input", "the payload was malformed");
            await receiver.DeferMessageAsync(received["defer-me"]);
            deferredSequence = received["defer-me"].SequenceNumber;
            await receiver.AbandonMessageAsync(received["abandon-me"], new Dictionary<string, object> { ["attempt"] = 1 });
            await receiver.AbandonMessageAsync(received["untouched"]);

            // Locked again when the process dies: the restart ends the lock, the delivery count it took stays.
            var again = await ReceiveAsync(receiver, 2);
            Assert.Equal(2, again["abandon-me"].DeliveryCount);
            enqueued = again.ToDictionary(pair => pair.Key, pair => pair.Value.EnqueuedTime);

            // Locks are journaled without holding up the receive; an acknowledged send commits after them, in order.
            await using var marker = client.CreateSender("events");
            await marker.SendMessageAsync(new ServiceBusMessage("after-the-locks"));
            lastSequence = cancelled;
            await first.KillAsync();
        }

        using var second = EmulatorProcess.Start(_config, _data);
        await using var restarted = new ServiceBusClient(await second.ConnectionStringAsync());
        await using var after = restarted.CreateReceiver("work");
        var back = await ReceiveAsync(after, 2);
        Assert.Equal(3, back["abandon-me"].DeliveryCount);
        Assert.Equal(1, back["abandon-me"].ApplicationProperties["attempt"]);
        Assert.Equal("order", back["abandon-me"].Subject);
        Assert.Equal(3, back["untouched"].DeliveryCount);

        var deferred = await after.ReceiveDeferredMessageAsync(deferredSequence);
        Assert.Equal("defer-me", deferred.Body.ToString());
        Assert.Equal(ServiceBusMessageState.Deferred, deferred.State);

        await using var deadLetters = restarted.CreateReceiver("work", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var deadLetter = Assert.Single(await ReceiveAllAsync(deadLetters, 1));
        Assert.Equal(("dead-letter-me", "bad-input", "the payload was malformed"), (deadLetter.Body.ToString(), deadLetter.DeadLetterReason, deadLetter.DeadLetterErrorDescription));

        var scheduled = await after.ReceiveMessageAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("scheduled", scheduled.Body.ToString());
        Assert.True(DateTimeOffset.UtcNow >= scheduledFor.AddMilliseconds(-50), "The scheduled message came before its time.");

        // Completed and cancelled messages stay gone; numbers go on from where they were; enqueue times are the originals.
        Assert.Empty(await after.PeekMessagesAsync(100, fromSequenceNumber: 1) is var peeked
            ? peeked.Where(m => m.Body.ToString() is "complete-me" or "cancelled") : []);
        Assert.All(back, pair => Assert.Equal(enqueued[pair.Key], pair.Value.EnqueuedTime));
        await using var sender2 = restarted.CreateSender("work");
        await sender2.SendMessageAsync(new ServiceBusMessage("new"));
        var fresh = await after.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("new", fresh.Body.ToString());
        Assert.True(fresh.SequenceNumber > lastSequence, $"Sequence number {fresh.SequenceNumber} is not past {lastSequence}.");
    }

    [Fact]
    public async Task Session_state_duplicate_history_topic_schedules_and_runtime_rules_survive_SIGKILL()
    {
        long keptTopicSchedule;
        using (var first = EmulatorProcess.Start(_config, _data))
        {
            await using var client = new ServiceBusClient(await first.ConnectionStringAsync());
            await using var sessionSender = client.CreateSender("sessions");
            await sessionSender.SendMessageAsync(new ServiceBusMessage("in-session") { SessionId = "s1" });
            await using (var session = await client.AcceptSessionAsync("sessions", "s1"))
            {
                await session.SetSessionStateAsync(BinaryData.FromString("step-2"));
            }

            await using var dedup = client.CreateSender("dedup");
            await dedup.SendMessageAsync(new ServiceBusMessage("original") { MessageId = "once" });

            await using var ruleManager = client.CreateRuleManager("events", "filtered");
            await ruleManager.CreateRuleAsync("red", new SqlRuleFilter("color = 'red'"));
            await ruleManager.DeleteRuleAsync(RuleProperties.DefaultRuleName);

            await using var events = client.CreateSender("events");
            keptTopicSchedule = await events.ScheduleMessageAsync(Colored("later", "red"), DateTimeOffset.UtcNow.AddHours(1));
            var cancelled = await events.ScheduleMessageAsync(Colored("never", "red"), DateTimeOffset.UtcNow.AddHours(1));
            await events.CancelScheduledMessageAsync(cancelled);
            await first.KillAsync();
        }

        using var second = EmulatorProcess.Start(_config, _data);
        await using var restarted = new ServiceBusClient(await second.ConnectionStringAsync());
        await using (var session = await restarted.AcceptSessionAsync("sessions", "s1"))
        {
            Assert.Equal("step-2", (await session.GetSessionStateAsync()).ToString());
            Assert.Equal("in-session", (await session.ReceiveMessageAsync(TimeSpan.FromSeconds(10))).Body.ToString());
        }

        await using var dedupSender = restarted.CreateSender("dedup");
        await dedupSender.SendMessageAsync(new ServiceBusMessage("duplicate") { MessageId = "once" });
        await using var dedupReceiver = restarted.CreateReceiver("dedup");
        Assert.Equal(["original"], (await dedupReceiver.PeekMessagesAsync(10)).Select(m => m.Body.ToString()));

        await using var rules = restarted.CreateRuleManager("events", "filtered");
        var ruleNames = new List<string>();
        await foreach (var rule in rules.GetRulesAsync())
        {
            ruleNames.Add(rule.Name);
        }

        Assert.Equal(["red"], ruleNames);
        await using var all = restarted.CreateReceiver("events", "all");
        await using var filtered = restarted.CreateReceiver("events", "filtered");
        Assert.Equal(["later"], (await all.PeekMessagesAsync(10)).Select(m => m.Body.ToString()));
        Assert.Equal(["later"], (await filtered.PeekMessagesAsync(10)).Select(m => m.Body.ToString()));

        // The topic-wide number still reaches every copy: cancelling it after the restart empties both subscriptions.
        await using var events2 = restarted.CreateSender("events");
        await events2.CancelScheduledMessageAsync(keptTopicSchedule);
        await events2.SendMessagesAsync([Colored("blue-one", "blue"), Colored("red-one", "red")]);
        Assert.Equal(["blue-one", "red-one"], (await all.PeekMessagesAsync(10)).Select(m => m.Body.ToString()));
        Assert.Equal(["red-one"], (await filtered.PeekMessagesAsync(10)).Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task A_committed_transaction_survives_SIGKILL_and_a_rolled_back_one_leaves_nothing()
    {
        using (var first = EmulatorProcess.Start(_config, _data))
        {
            await using var client = new ServiceBusClient(await first.ConnectionStringAsync());
            await using var sender = client.CreateSender("work");
            await using var receiver = client.CreateReceiver("work");
            await sender.SendMessageAsync(new ServiceBusMessage("settled-in-transaction"));
            var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            using (var scope = new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
            {
                await receiver.CompleteMessageAsync(received);
                await sender.SendMessageAsync(new ServiceBusMessage("sent-in-transaction"));
                scope.Complete();
            }

            using (new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
            {
                await sender.SendMessageAsync(new ServiceBusMessage("rolled-back"));
            }

            await first.KillAsync();
        }

        using var second = EmulatorProcess.Start(_config, _data);
        await using var restarted = new ServiceBusClient(await second.ConnectionStringAsync());
        await using var after = restarted.CreateReceiver("work");
        Assert.Equal(["sent-in-transaction"], (await after.PeekMessagesAsync(10)).Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task A_drained_queue_costs_near_constant_disk()
    {
        using var emulator = EmulatorProcess.Start(_config, _data);
        await using var client = new ServiceBusClient(await emulator.ConnectionStringAsync());
        await using var sender = client.CreateSender("work");
        await using var receiver = client.CreateReceiver("work", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var body = new string('x', 4000);
        long? emptySize = null;
        for (var round = 0; round < 3; round++)
        {
            for (var batch = 0; batch < 10; batch++)
            {
                await sender.SendMessagesAsync(Enumerable.Range(0, 50).Select(_ => new ServiceBusMessage(body)));
            }

            var drained = 0;
            while (drained < 500)
            {
                drained += (await receiver.ReceiveMessagesAsync(100, TimeSpan.FromSeconds(5))).Count;
            }

            // 2 MB went through each round; once compacted, the directory is back to about its empty size.
            var size = await CompactedSizeAsync(emptySize ?? 1_000_000);
            emptySize ??= size;
            Assert.True(size <= emptySize + 200_000, $"Round {round}: {size} bytes on disk after draining, {emptySize} after the first round.");
        }
    }

    [Fact]
    public async Task A_directory_that_is_not_an_emulators_stops_the_process_with_exit_code_1_and_is_left_alone()
    {
        Directory.CreateDirectory(_data);
        File.WriteAllText(Path.Combine(_data, "thesis.md"), "do not touch");

        using var emulator = EmulatorProcess.Start(_config, _data);

        Assert.Equal(1, await emulator.ExitCodeAsync());
        Assert.Contains("is not an emulator data directory", emulator.Output);
        Assert.Equal(["thesis.md"], Directory.GetFileSystemEntries(_data).Select(Path.GetFileName));
        Assert.Equal("do not touch", File.ReadAllText(Path.Combine(_data, "thesis.md")));
    }

    private static ServiceBusMessage Message(string body) => new(body) { Subject = "order" };

    private static ServiceBusMessage Colored(string body, string color) => new(body) { ApplicationProperties = { ["color"] = color } };

    private static async Task<Dictionary<string, ServiceBusReceivedMessage>> ReceiveAsync(ServiceBusReceiver receiver, int count) =>
        (await ReceiveAllAsync(receiver, count)).ToDictionary(m => m.Body.ToString());

    /// <summary>Receives until <paramref name="count"/> messages came (asserted), under a deadline for a loaded machine.</summary>
    internal static async Task<List<ServiceBusReceivedMessage>> ReceiveAllAsync(ServiceBusReceiver receiver, int count)
    {
        var messages = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            messages.AddRange(await receiver.ReceiveMessagesAsync(count - messages.Count, TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(count, messages.Count);
        return messages;
    }

    private async Task<long> CompactedSizeAsync(long bound)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long size;
        do
        {
            await Task.Delay(200);
            size = new DirectoryInfo(_data).EnumerateFiles().Sum(f => f.Length);
        }
        while (size > bound + 200_000 && DateTime.UtcNow < deadline);

        return size;
    }
}
