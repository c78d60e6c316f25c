using Azure.Identity;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.HealthChecks;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Hosting;

public static class CloudMessagingClientExtensions
{
    /// <summary>Section holding the Azure shapes: <c>Azure:ServiceBus:FullyQualifiedNamespace</c>, <c>Azure:Blobs:ServiceUri</c>.</summary>
    public const string AzureSection = "Azure";

    /// <summary>
    /// Registers the Service Bus, Blob and Redis clients and their health checks. Configuration alone chooses how they
    /// authenticate: a connection string (emulator, Azurite, Garnet) when <c>ConnectionStrings:name</c> is set,
    /// otherwise a namespace or service URI with <see cref="DefaultAzureCredential"/> (managed identity in Azure).
    /// The two shapes live under different keys because an Aspire connection string that is a bare host is not a
    /// connection string the SDK can parse.
    /// </summary>
    public static IHostApplicationBuilder AddCloudMessagingClients(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var replica = ReplicaIdentity.FromEnvironment();
        builder.Services.AddSingleton(replica);

        builder.Services.AddAzureClients(clients =>
        {
            var serviceBus = ServiceBusRegistration(configuration);
            var serviceBusClient = serviceBus.ConnectionString is { } connectionString
                ? clients.AddServiceBusClient(connectionString)
                : clients.AddServiceBusClientWithNamespace(serviceBus.FullyQualifiedNamespace!);
            serviceBusClient.ConfigureOptions(options =>
            {
                options.Identifier = replica.Name;
                options.TransportType = ServiceBusTransportType.AmqpTcp;

                // A host that answers people (the API) bounds each try, so an unreachable broker fails a request in
                // seconds rather than after the SDK's minute-long tries; the workers keep the SDK's patient defaults.
                if (configuration.GetValue<TimeSpan?>($"{AzureSection}:ServiceBus:TryTimeout") is { } tryTimeout)
                {
                    options.RetryOptions.TryTimeout = tryTimeout;
                    options.RetryOptions.MaxRetries = configuration.GetValue($"{AzureSection}:ServiceBus:MaxRetries", options.RetryOptions.MaxRetries);
                }
            });

            if (configuration.GetConnectionString(ConnectionNames.Blobs) is { Length: > 0 } blobConnectionString)
            {
                clients.AddBlobServiceClient(blobConnectionString);
            }
            else
            {
                clients.AddBlobServiceClient(new Uri(Required(configuration, $"{AzureSection}:Blobs:ServiceUri", ConnectionNames.Blobs)));
            }

            clients.UseCredential(new DefaultAzureCredential());
        });

        // StackExchange.Redis completes its replies on a dedicated pool of its own by default, whose threads spin while
        // they wait for work; on the thread pool the same replies cost less CPU (bench/README.md, findings).
        builder.AddRedisClient(ConnectionNames.Redis, configureOptions: options => options.SocketManager = SocketManager.ThreadPool);

        builder.Services.AddHealthChecks()
            .AddCheck<ServiceBusHealthCheck>("servicebus", tags: ["ready"])
            .AddCheck<BlobStorageHealthCheck>("blobs", tags: ["ready"]);

        return builder;
    }

    /// <summary>
    /// A Service Bus client of its own (for settings the shared client must not have, such as a shorter retry), chosen
    /// by the same configuration as the registered one.
    /// </summary>
    public static ServiceBusClient CreateServiceBusClient(IConfiguration configuration, ServiceBusClientOptions options)
    {
        var serviceBus = ServiceBusRegistration(configuration);
        return serviceBus.ConnectionString is { } connectionString
            ? new ServiceBusClient(connectionString, options)
            : new ServiceBusClient(serviceBus.FullyQualifiedNamespace!, new DefaultAzureCredential(), options);
    }

    private static (string? ConnectionString, string? FullyQualifiedNamespace) ServiceBusRegistration(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionNames.ServiceBus) is { Length: > 0 } connectionString
            ? (connectionString, null)
            : (null, Required(configuration, $"{AzureSection}:ServiceBus:FullyQualifiedNamespace", ConnectionNames.ServiceBus));

    private static string Required(IConfiguration configuration, string azureKey, string connectionName) =>
        configuration[azureKey] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Neither 'ConnectionStrings:{connectionName}' (local) nor '{azureKey}' (Azure) is configured.");
}
