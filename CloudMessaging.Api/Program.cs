using CloudMessaging.Api.Catalog;
using CloudMessaging.Api.ClaimCheck;
using CloudMessaging.Api.CompetingConsumers;
using CloudMessaging.Api.DeadLetters;
using CloudMessaging.Api.PriorityQueue;
using CloudMessaging.Api.PubSub;
using CloudMessaging.Api.RequestReply;
using CloudMessaging.Api.Saga;
using CloudMessaging.Api.Smoke;
using CloudMessaging.Shared.Hosting;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCloudMessagingClients();
builder.AddClaimCheckDocuments();

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddCompetingConsumers();
builder.Services.AddDeadLetters();
builder.Services.AddRequestReply(builder.Configuration);
builder.Services.AddPriorityQueue();
builder.Services.AddPubSub();
builder.Services.AddSaga(builder.Configuration);

// JSON endpoints take small bodies; an endpoint that streams large uploads (claim check) lifts the limit for itself.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();

app.MapPatternCatalog();
app.MapSmokeEndpoints();
app.MapCompetingConsumersEndpoints();
app.MapDeadLetterEndpoints();
app.MapRequestReplyEndpoints();
app.MapClaimCheckEndpoints();
app.MapPriorityQueueEndpoints();
app.MapPubSubEndpoints();
app.MapSagaEndpoints();

app.Run();

/// <summary>Named so that test hosts can refer to the API assembly.</summary>
public partial class Program;
