using CloudMessaging.Api.Http;
using CloudMessaging.Api.Security;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.Smoke;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudMessaging.Api.Smoke;

/// <summary>
/// Diagnostics: one message from the API through Service Bus to a worker replica, which records in Redis that it
/// handled it. It proves every local resource end to end.
/// </summary>
public static class SmokeEndpoints
{
    public const string Tag = "Diagnostics";

    public static IEndpointRouteBuilder MapSmokeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/smoke").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>();

        group.MapPost("", SendAsync)
            .RefuseBody()
            .WithName("SendSmokeMessage")
            .WithSummary("Sends a smoke message that a worker replica answers.");

        group.MapGet("/{id}", GetAsync)
            .WithName("GetSmokeMessage")
            .Produces<SmokeStatus>()
            .ProducesValidationProblem()
            .WithSummary("Shows which worker replica handled a smoke message, once one has.");

        return app;
    }

    private static async Task<Accepted<SmokeStatus>> SendAsync(SmokeSender sender, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await sender.SendAsync(id, cancellationToken);
        return TypedResults.Accepted($"/api/smoke/{id}", SmokeStatus.Pending(id));
    }

    private static async Task<IResult> GetAsync(string id, SmokeStore store) =>
        RequestValues.CheckIdentifier(id, "id")
        ?? (await store.GetAsync(id) is { } record
            ? TypedResults.Ok(new SmokeStatus(id, "Handled", record.Replica, record.HandledAt))
            : TypedResults.NotFound());
}
