using CloudMessaging.Api.Http;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

public static class RequestReplyEndpoints
{
    /// <summary>Registers the job store, options (section <c>RequestReply</c>) and the sender to the <c>jobs</c> queue.</summary>
    public static IServiceCollection AddRequestReply(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRequestReplyCore(configuration);
        services.AddSingleton<JobQueue>();
        return services;
    }

    public static IEndpointRouteBuilder MapRequestReplyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags(JobEndpoints.Tag).AddEndpointFilter<DependencyUnavailableFilter>();
        group.MapJobEndpoints();
        group.MapQuoteEndpoints();
        return app;
    }
}
