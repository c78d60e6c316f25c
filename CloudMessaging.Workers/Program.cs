using CloudMessaging.Shared.Hosting;
using CloudMessaging.Workers.ClaimCheck;
using CloudMessaging.Workers.CompetingConsumers;
using CloudMessaging.Workers.Messaging;
using CloudMessaging.Workers.PriorityQueue;
using CloudMessaging.Workers.PubSub;
using CloudMessaging.Workers.RequestReply;
using CloudMessaging.Workers.Saga;
using CloudMessaging.Workers.Smoke;

// The workers serve only /health and /alive over HTTP (for the dashboard and container probes); their real work
// is the Service Bus processors, grouped by pattern.
var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults();
builder.AddCloudMessagingClients();

// Covers the processors' drain (Workers:DrainTimeout, at most 20 s), the abandons after it and the telemetry flush.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
builder.Services.AddProcessorDrain(builder.Configuration);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHostedService<SmokeProcessor>();
builder.Services.AddCompetingConsumers(builder.Configuration);
builder.AddRequestReplyWorkers();
builder.AddClaimCheckProcessors();
builder.Services.AddPriorityQueueWorkers();
builder.AddOrderEventSubscribers();
builder.AddSagaWorkers();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
