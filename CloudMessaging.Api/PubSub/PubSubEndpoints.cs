using CloudMessaging.Api.Security;
using CloudMessaging.Api.Http;
using CloudMessaging.Shared.PubSub;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudMessaging.Api.PubSub;

public static class PubSubEndpoints
{
    public const string Tag = "Publisher-subscriber";

    public static IEndpointRouteBuilder MapPubSubEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>();
        group.MapOrderEventEndpoints();
        group.MapSubscriberEndpoints();
        return app;
    }
}
