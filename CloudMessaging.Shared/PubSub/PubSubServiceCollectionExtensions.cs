using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudMessaging.Shared.PubSub;

public static class PubSubServiceCollectionExtensions
{
    /// <summary>
    /// What the API, the subscribers and the saga share: <see cref="PubSubOptions"/>, the
    /// <see cref="OrderEventPublisher"/> and the <see cref="SubscriberStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPubSubShared(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PubSubOptions>().Bind(builder.Configuration.GetSection(PubSubOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OrderEventPublisher>();
        builder.Services.TryAddSingleton<SubscriberStore>();
        return builder;
    }
}
