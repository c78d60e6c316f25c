using CloudMessaging.Shared.Smoke;

namespace CloudMessaging.Workers.Smoke;

public static class SmokeServiceCollectionExtensions
{
    /// <summary>The smoke test: the processor that answers the API's smoke messages.</summary>
    public static IHostApplicationBuilder AddSmokeWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddSmokeShared();
        builder.Services.AddHostedService<SmokeProcessor>();
        return builder;
    }
}
