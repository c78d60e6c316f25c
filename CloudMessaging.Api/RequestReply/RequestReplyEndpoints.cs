using CloudMessaging.Api.Http;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

public static class RequestReplyEndpoints
{
    public static IEndpointRouteBuilder MapRequestReplyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags(JobEndpoints.Tag).AddEndpointFilter<DependencyUnavailableFilter>();
        group.MapJobEndpoints();
        group.MapQuoteEndpoints();
        return app;
    }
}
