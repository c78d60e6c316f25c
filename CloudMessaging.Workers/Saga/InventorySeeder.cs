using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Workers.Saga;

/// <summary>Stocks the product catalogue before the inventory participant takes commands (idempotent across replicas).</summary>
public sealed class InventorySeeder(InventoryStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.SeedAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
