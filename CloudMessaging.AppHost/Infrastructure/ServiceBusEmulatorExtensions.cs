namespace CloudMessaging.AppHost.Infrastructure;

internal static class ServiceBusEmulatorExtensions
{
    private const string KeyName = "RootManageSharedAccessKey";

    /// <summary>
    /// Runs CloudMessaging.ServiceBusEmulator with the given official-format topology and exposes its connection
    /// string under <paramref name="name"/>, available once the emulator is healthy. The key is random per run, so
    /// nothing secret is stored anywhere, and the emulator checks it as Service Bus does. With <paramref name="state"/>
    /// the namespace is durable (<c>--data-dir</c>) and the key is the stored one. As a project, the emulator gets the
    /// dashboard's OTLP endpoint like the apps; the dashboard also offers its entity commands.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddServiceBusEmulator(
        this IDistributedApplicationBuilder builder, string name, string configPath, LocalState? state = null)
    {
        var generatedKey = LocalState.KeyFor(state, name, 32);
        var key = builder.AddParameter($"{name}-key", () => generatedKey, secret: true);

        var emulator = builder.AddProject<Projects.CloudMessaging_ServiceBusEmulator>($"{name}-emulator", options => options.ExcludeLaunchProfile = true)
            .WithEndpoint(name: "amqp", scheme: "tcp", env: "SBEMULATOR_PORT", isProxied: false)
            .WithHttpEndpoint(name: "http", env: "SBEMULATOR_HTTP_PORT", isProxied: false)
            .WithEnvironment("SBEMULATOR_CONFIG", configPath)
            .WithEnvironment("SBEMULATOR_KEY_NAME", KeyName)
            .WithEnvironment("SBEMULATOR_KEY", key)
            .WithHttpHealthCheck("/health", endpointName: "http");
        if (state is not null)
        {
            emulator.WithEnvironment("SBEMULATOR_DATA_DIR", state.DirectoryFor("servicebus"));
        }

        var amqp = emulator.GetEndpoint("amqp");
        var connection = builder.AddConnectionString(
            name,
            ReferenceExpression.Create(
                $"Endpoint=sb://localhost:{amqp.Property(EndpointProperty.Port)};SharedAccessKeyName={KeyName};SharedAccessKey={key};UseDevelopmentEmulator=true"))
            .WaitFor(emulator);
        emulator.WithEntityCommands(connection.Resource);
        return connection;
    }
}
