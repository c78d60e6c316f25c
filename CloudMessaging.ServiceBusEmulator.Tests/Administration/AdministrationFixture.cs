using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using CloudMessaging.ServiceBusEmulator.Tests.Conformance;

namespace CloudMessaging.ServiceBusEmulator.Tests.Administration;

/// <summary>
/// One emulator per test class with a <see cref="ServiceBusClient"/> and a <see cref="ServiceBusAdministrationClient"/>
/// built from the same connection string, as an application gets it.
/// </summary>
public sealed class AdministrationFixture : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = new();

    public ServiceBusClient Client => _emulator.Client;

    public ServiceBusAdministrationClient Admin { get; private set; } = null!;

    public string ConnectionString => _emulator.ConnectionString;

    internal ServiceBusEmulator Emulator => _emulator.Emulator;

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        Admin = CreateAdmin(ConnectionString);
    }

    public Task DisposeAsync() => _emulator.DisposeAsync();

    public static ServiceBusAdministrationClient CreateAdmin(string connectionString) =>
        new(connectionString, new ServiceBusAdministrationClientOptions { Retry = { MaxRetries = 0 } });

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
