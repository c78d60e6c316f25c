using CloudMessaging.Api.Security;
using CloudMessaging.Api.Http;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

public static class RequestReplyEndpoints
{
    public const string Tag = "Asynchronous request-reply";

    public static IEndpointRouteBuilder MapRequestReplyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags(Tag).RequireAuthorization(ApiPolicies.User).AddEndpointFilter<DependencyUnavailableFilter>();
        group.MapJobEndpoints();
        group.MapQuoteEndpoints();
        return app;
    }
}
