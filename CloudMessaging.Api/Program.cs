using CloudMessaging.Api.Catalog;
using CloudMessaging.Api.ClaimCheck;
using CloudMessaging.Api.CompetingConsumers;
using CloudMessaging.Api.DeadLetters;
using CloudMessaging.Api.Http;
using CloudMessaging.Api.Input;
using CloudMessaging.Api.PriorityQueue;
using CloudMessaging.Api.PubSub;
using CloudMessaging.Api.RequestReply;
using CloudMessaging.Api.Saga;
using CloudMessaging.Api.Security;
using CloudMessaging.Api.Smoke;
using CloudMessaging.Shared.Hosting;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCloudMessagingClients();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = InputProblems.NameTheCulprit);
builder.Services.AddOpenApi();
builder.AddApiSecurity();
builder.Services.AddApiRequestTimeouts();
builder.Services.AddLiveStreams();

// One registrar per pattern folder, in the order of the docs; the endpoints below are mapped in the same order.
builder.AddSmokeApi();
builder.AddRequestReplyApi();
builder.AddPubSubApi();
builder.AddClaimCheckApi();
builder.AddPriorityQueueApi();
builder.AddSagaApi();
builder.AddCompetingConsumersApi();
builder.AddDeadLettersApi();

// JSON endpoints take small bodies; an endpoint that streams large uploads (claim check) lifts the limit for itself.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiSecurity();
app.UseRequestTimeouts();

// Behind the fallback policy: anonymous only where the whole API is (locally, by default).
app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();

app.MapCatalogEndpoints();
app.MapSmokeEndpoints();
app.MapRequestReplyEndpoints();
app.MapPubSubEndpoints();
app.MapClaimCheckEndpoints();
app.MapPriorityQueueEndpoints();
app.MapSagaEndpoints();
app.MapCompetingConsumersEndpoints();
app.MapDeadLettersEndpoints();

app.Run();

/// <summary>Named so that test hosts can refer to the API assembly.</summary>
public partial class Program;
