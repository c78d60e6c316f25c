using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Foundation;

/// <summary>The one connection string the AppHost gives the apps also drives ServiceBusAdministrationClient.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AdministrationClientTests(AppHostFixture fixture)
{
    [Fact]
    public async Task The_apps_connection_string_manages_entities_and_reads_counts()
    {
        var connectionString = (await fixture.App.GetConnectionStringAsync(ConnectionNames.ServiceBus))!;
        var admin = new ServiceBusAdministrationClient(connectionString);
        var queue = $"e2e-admin-{Guid.NewGuid():N}"[..18];

        Assert.True(await admin.QueueExistsAsync("smoke"));
        await admin.CreateQueueAsync(queue);
        await using var client = new ServiceBusClient(connectionString);
        await using var sender = client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage("counted"));

        Assert.Equal(1, (await admin.GetQueueRuntimePropertiesAsync(queue)).Value.ActiveMessageCount);
        await admin.DeleteQueueAsync(queue);
        Assert.False(await admin.QueueExistsAsync(queue));
    }
}
