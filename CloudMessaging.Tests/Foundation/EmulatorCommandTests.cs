using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMessaging.Tests.Foundation;

/// <summary>The emulator's dashboard commands, run as the dashboard runs them, against the running AppHost.</summary>
[Collection(AppHostCollection.Name)]
public sealed class EmulatorCommandTests(AppHostFixture fixture)
{
    private const string Emulator = "servicebus-emulator";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Show_entity_counts_reports_each_entitys_active_scheduled_and_dead_lettered_messages()
    {
        var (admin, client) = await ConnectAsync();
        await using var _ = client;
        var queue = await CreateQueueAsync(admin, "e2e-counts");
        await using var sender = client.CreateSender(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("a"), new ServiceBusMessage("b"), new ServiceBusMessage("c")]);
        await sender.ScheduleMessageAsync(new ServiceBusMessage("later"), DateTimeOffset.UtcNow.AddHours(1));
        await DeadLetterAsync(client, queue, 1);

        var result = await ExecuteAsync("show-entity-counts");

        Assert.True(result.Success, result.Message);
        Assert.Contains($"| {queue} | 2 | 1 | 1 |", result.Data?.Value);
        Assert.Contains("| orders/Subscriptions/", result.Data?.Value);
        Assert.Matches(@"^\d+ entities: \d+ active, \d+ scheduled, \d+ dead-lettered\.$", result.Message);
        await admin.DeleteQueueAsync(queue);
    }

    [Fact]
    public async Task Purge_dead_letters_of_one_entity_deletes_them_all_and_says_how_many()
    {
        var (admin, client) = await ConnectAsync();
        await using var _ = client;
        var queue = await CreateQueueAsync(admin, "e2e-purge");
        await using var sender = client.CreateSender(queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("p1"), new ServiceBusMessage("p2"), new ServiceBusMessage("ok")]);
        await DeadLetterAsync(client, queue, 2);

        var result = await ExecuteAsync("purge-dead-letters", queue);

        Assert.True(result.Success, result.Message);
        Assert.Equal($"Purged 2 dead-lettered message(s) from {queue}: {queue} 2.", result.Message);
        var properties = (await admin.GetQueueRuntimePropertiesAsync(queue)).Value;
        Assert.Equal(0, properties.DeadLetterMessageCount);
        Assert.Equal(1, properties.ActiveMessageCount);
        await admin.DeleteQueueAsync(queue);
    }

    [Fact]
    public async Task Purge_dead_letters_without_an_entity_empties_every_dead_letter_queue()
    {
        var (admin, client) = await ConnectAsync();
        await using var _ = client;
        var first = await CreateQueueAsync(admin, "e2e-purge-all");
        var second = await CreateQueueAsync(admin, "e2e-purge-all");
        foreach (var queue in new[] { first, second })
        {
            await using var sender = client.CreateSender(queue);
            await sender.SendMessageAsync(new ServiceBusMessage("poison"));
            await DeadLetterAsync(client, queue, 1);
        }

        var result = await ExecuteAsync("purge-dead-letters");

        Assert.True(result.Success, result.Message);
        Assert.Contains($"{first} 1", result.Message);
        Assert.Contains($"{second} 1", result.Message);
        Assert.Equal(0, (await admin.GetQueueRuntimePropertiesAsync(first)).Value.DeadLetterMessageCount);
        Assert.Equal(0, (await admin.GetQueueRuntimePropertiesAsync(second)).Value.DeadLetterMessageCount);
        await admin.DeleteQueueAsync(first);
        await admin.DeleteQueueAsync(second);
    }

    [Fact]
    public async Task Purge_dead_letters_of_an_unknown_entity_fails_and_names_it()
    {
        var result = await ExecuteAsync("purge-dead-letters", "no-such-queue");

        Assert.False(result.Success);
        Assert.Contains("'no-such-queue'", result.Message);
    }

    private async Task<ExecuteCommandResult> ExecuteAsync(string command, string? entity = null)
    {
        using var cts = new CancellationTokenSource(Wait);
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var arguments = new InteractionInputCollection(
            entity is null ? [] : [new InteractionInput { Name = "entity", InputType = InputType.Text, Value = entity }]);
        return await commands.ExecuteCommandAsync(Emulator, command, arguments, cts.Token);
    }

    private async Task<(ServiceBusAdministrationClient Admin, ServiceBusClient Client)> ConnectAsync()
    {
        var connectionString = (await fixture.App.GetConnectionStringAsync(ConnectionNames.ServiceBus))!;
        return (new ServiceBusAdministrationClient(connectionString), new ServiceBusClient(connectionString));
    }

    private static async Task<string> CreateQueueAsync(ServiceBusAdministrationClient admin, string prefix)
    {
        var queue = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await admin.CreateQueueAsync(queue);
        return queue;
    }

    private static async Task DeadLetterAsync(ServiceBusClient client, string queue, int count)
    {
        await using var receiver = client.CreateReceiver(queue);
        for (var i = 0; i < count; i++)
        {
            var message = await receiver.ReceiveMessageAsync(Wait) ?? throw new TimeoutException($"No message {i + 1} in {queue}.");
            await receiver.DeadLetterMessageAsync(message, "TestPoison");
        }
    }
}
