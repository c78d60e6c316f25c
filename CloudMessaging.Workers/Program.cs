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

builder.AddProcessorDrain();
builder.Services.AddSingleton(TimeProvider.System);

// One registrar per pattern folder, in the order of the docs and of the API's Program.cs.
builder.AddSmokeWorkers();
builder.AddRequestReplyWorkers();
builder.AddPubSubWorkers();
builder.AddClaimCheckWorkers();
builder.AddPriorityQueueWorkers();
builder.AddSagaWorkers();
builder.AddCompetingConsumersWorkers();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
