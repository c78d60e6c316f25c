using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudMessaging.Shared.RequestReply;

public static class RequestReplyServiceCollectionExtensions
{
    /// <summary>Registers what API and workers share: the options (section <c>RequestReply</c>) and the job store.</summary>
    public static IServiceCollection AddRequestReplyCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestReplyOptions>()
            .Bind(configuration.GetSection(RequestReplyOptions.SectionName))
            .Validate(o => o.StatusTimeToLive > TimeSpan.Zero && o.Lease > o.CancellationPollInterval && o.MaxRequestBytes > 0,
                "RequestReply: StatusTimeToLive must be positive and Lease longer than CancellationPollInterval.")
            .Validate(o => o.EventStreamKeepAlive > TimeSpan.Zero, "RequestReply: EventStreamKeepAlive must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JobStore>();
        return services;
    }
}
