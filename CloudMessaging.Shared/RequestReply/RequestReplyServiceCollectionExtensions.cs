using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudMessaging.Shared.RequestReply;

public static class RequestReplyServiceCollectionExtensions
{
    /// <summary>What the API and the workers share: <see cref="RequestReplyOptions"/>, the <see cref="JobStore"/> and the <see cref="QuoteStore"/>.</summary>
    public static IHostApplicationBuilder AddRequestReplyShared(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestReplyOptions>()
            .Bind(builder.Configuration.GetSection(RequestReplyOptions.SectionName))
            .Validate(o => o.StatusTimeToLive > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.MaxRequestBytes > 0,
                "RequestReply: StatusTimeToLive and Lease must be positive.")
            .Validate(o => o.EventStreamKeepAlive > TimeSpan.Zero, "RequestReply: EventStreamKeepAlive must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<JobStore>();
        builder.Services.TryAddSingleton<QuoteStore>();
        return builder;
    }
}
