using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudMessaging.Shared.Smoke;

public static class SmokeServiceCollectionExtensions
{
    /// <summary>What the API and the workers share: the <see cref="SmokeStore"/>.</summary>
    public static IHostApplicationBuilder AddSmokeShared(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SmokeStore>();
        return builder;
    }
}
