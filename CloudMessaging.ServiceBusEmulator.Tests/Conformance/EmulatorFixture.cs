using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>
/// One emulator per test class on a free port, driven by the official SDK. Tests create their own queues so they
/// never share state and can run in parallel.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private ServiceBusEmulator? _emulator;
    private ServiceBusClient? _client;

    public ServiceBusEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started.");

    public string ConnectionString => Emulator.ConnectionString;

    /// <summary>A client shared by the tests of a class; tests that need their own connection create one.</summary>
    public ServiceBusClient Client => _client ?? throw new InvalidOperationException("The emulator is not started.");

    public async Task InitializeAsync()
    {
        _emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            LoggerFactory = Environment.GetEnvironmentVariable("EMULATOR_TEST_LOGS") == "1"
                ? Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug))
                : null,
        });
        _client = CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    public ServiceBusClient CreateClient(ServiceBusClientOptions? options = null) => new(ConnectionString, options ?? DefaultClientOptions());

    public static ServiceBusClientOptions DefaultClientOptions() => new()
    {
        RetryOptions = new ServiceBusRetryOptions { TryTimeout = TimeSpan.FromSeconds(10), MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(100) },
    };

    /// <summary>Creates a queue with a unique name built from <paramref name="prefix"/>.</summary>
    public string CreateQueue(string prefix, Func<QueueDefinition, QueueDefinition>? configure = null)
    {
        var definition = new QueueDefinition { Name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 50)] };
        definition = configure?.Invoke(definition) ?? definition;
        Emulator.Namespace.AddQueue(definition);
        return definition.Name;
    }

    /// <summary>
    /// Creates a topic with a unique name built from <paramref name="prefix"/> and the given subscriptions; returns
    /// the topic name (subscriptions keep their names).
    /// </summary>
    public string CreateTopic(string prefix, params SubscriptionDefinition[] subscriptions) =>
        CreateTopic(prefix, t => t, subscriptions);

    public string CreateTopic(string prefix, Func<TopicDefinition, TopicDefinition> configure, params SubscriptionDefinition[] subscriptions)
    {
        var definition = configure(new TopicDefinition { Name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 50)], Subscriptions = subscriptions });
        Emulator.Namespace.AddTopic(definition);
        return definition.Name;
    }
}
