using CloudMessaging.Shared.Hosting;
using CloudMessaging.Workers.ClaimCheck;
using CloudMessaging.Workers.CompetingConsumers;
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

// Long enough for in-flight handlers to finish; what does not finish is abandoned and redelivered elsewhere.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

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
