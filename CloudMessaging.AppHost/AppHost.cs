using Microsoft.Extensions.Configuration;
using CloudMessaging.AppHost.Infrastructure;
using CloudMessaging.AppHost.PriorityQueue;
using CloudMessaging.AppHost.Security;
using CloudMessaging.AppHost.Web;
using CloudMessaging.Shared.Hosting;

// `-- token --role operator` mints a development token instead of starting the application.
if (args is [TokenCommand.Name, .. var tokenArgs])
{
    return TokenCommand.Run(tokenArgs);
}

var builder = DistributedApplication.CreateBuilder(args);

// Local stand-ins for Azure, all without Docker: our Service Bus emulator, Azurite (npm) and Garnet (NuGet).
// In memory, unless --Local:Persistent true keeps them under .local-state/ across runs.
var localState = LocalState.From(builder);
var serviceBus = builder.AddServiceBusEmulator(ConnectionNames.ServiceBus, Path.Combine(builder.AppHostDirectory, "servicebus", "Config.json"), localState);
var blobs = builder.AddAzurite(ConnectionNames.Blobs, localState);
var redis = builder.AddGarnet(ConnectionNames.Redis, localState);

// A fixed port so the curl sessions in docs/patterns work as written; tests randomize it.
var apiPort = builder.Configuration.GetValue("Api:Port", 5080);

var api = builder.AddProject<Projects.CloudMessaging_Api>("api", options => options.ExcludeLaunchProfile = true)
    .WithHttpEndpoint(port: apiPort, name: "http")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithCloudMessagingDependencies(serviceBus, blobs, redis)
    .WithPriorityQueueSettings(builder.Configuration)
    .WithConfigurationSection(builder.Configuration, "RequestReply")
    .WithApiSecurity(builder.Configuration);

builder.AddProject<Projects.CloudMessaging_Workers>("workers", options => options.ExcludeLaunchProfile = true)
    .WithHttpEndpoint(name: "http")
    .WithReplicas(builder.Configuration.GetValue("Workers:Replicas", 3))
    // The orchestrator waits about 10 s for a stopping replica, so locally its drain is shorter than the workers' own default.
    .WithEnvironment("Workers__DrainTimeout", builder.Configuration["Workers:DrainTimeout"] ?? "00:00:05")
    .WithHttpHealthCheck("/health")
    .WithCloudMessagingDependencies(serviceBus, blobs, redis)
    .WithPriorityQueueSettings(builder.Configuration)
    .WithConfigurationSection(builder.Configuration, "RequestReply");

// The pattern explorer, http://localhost:5090 (Web:Port): docs/web.md.
builder.AddPatternExplorer(api, serviceBus);

builder.Build().Run();
return 0;
