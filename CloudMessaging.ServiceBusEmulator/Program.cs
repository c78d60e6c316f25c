using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Hosting;

// dotnet run --project CloudMessaging.ServiceBusEmulator -- --config Config.json --port 5672 --http-port 5300
var builder = WebApplication.CreateSlimBuilder(args);
builder.Configuration.AddEnvironmentVariables(EmulatorHostSettings.EnvironmentPrefix);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.AddEmulatorOpenTelemetry();

EmulatorHostSettings settings;
EmulatorTopology topology;
using (var startupLoggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)))
{
    var startupLogger = startupLoggers.CreateLogger("CloudMessaging.ServiceBusEmulator");
    try
    {
        settings = EmulatorHostSettings.From(builder.Configuration);
        if (settings.ConfigPath is null)
        {
            startupLogger.LogNoConfig();
            topology = new EmulatorTopology();
        }
        else
        {
            topology = EmulatorConfigLoader.Load(settings.ConfigPath, startupLogger);
        }
    }
    catch (Exception ex) when (ex is EmulatorConfigException or ArgumentException)
    {
        startupLogger.LogCannotStart(ex.Message);
        return 1;
    }
}

builder.WebHost.UseUrls($"http://{settings.Emulator.Host}:{settings.HttpPort}");
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(topology);
builder.Services.AddSingleton<EmulatorHostedService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EmulatorHostedService>());

var app = builder.Build();
app.MapGet("/health", (EmulatorHostedService emulator) => emulator.IsListening
    ? Results.Json(new HealthStatus("healthy"))
    : Results.Json(new HealthStatus("starting"), statusCode: StatusCodes.Status503ServiceUnavailable));

try
{
    await app.RunAsync();
}
catch (DataDirectoryException ex)
{
    // The host is disposed by now: log through a factory of our own, as for the other start-up errors.
    using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
    loggers.CreateLogger("CloudMessaging.ServiceBusEmulator").LogCannotStart(ex.Message);
    return 1;
}

return 0;

internal sealed record HealthStatus(string Status);
