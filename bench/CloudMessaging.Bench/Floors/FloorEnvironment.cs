using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator;
using CloudMessaging.ServiceBusEmulator.Configuration;
using StackExchange.Redis;

namespace CloudMessaging.Bench.Floors;

/// <summary>
/// What the floors run on: an emulator in this process with the floors' own entities (so no worker of the AppHost
/// competes for them) and the AppHost's Garnet.
/// </summary>
internal sealed class FloorEnvironment : IAsyncDisposable
{
    private readonly ServiceBusEmulator.ServiceBusEmulator _emulator;

    private FloorEnvironment(ServiceBusEmulator.ServiceBusEmulator emulator, IConnectionMultiplexer redis)
    {
        _emulator = emulator;
        Redis = redis;
        ServiceBus = new ServiceBusClient(emulator.ConnectionString);
    }

    public ServiceBusClient ServiceBus { get; }

    public IConnectionMultiplexer Redis { get; }

    public static async Task<FloorEnvironment> StartAsync(string redisConnectionString, EmulatorTopology topology)
    {
        var emulator = await ServiceBusEmulator.ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions { Port = 0, Topology = topology });
        return new FloorEnvironment(emulator, await ConnectionMultiplexer.ConnectAsync(redisConnectionString));
    }

    public async ValueTask DisposeAsync()
    {
        await ServiceBus.DisposeAsync();
        await Redis.DisposeAsync();
        await _emulator.DisposeAsync();
    }
}
