using CloudMessaging.Shared.Smoke;

namespace CloudMessaging.Api.Smoke;

public static class SmokeServiceCollectionExtensions
{
    /// <summary>The smoke test's store and the API's one sender to its queue.</summary>
    public static IHostApplicationBuilder AddSmokeApi(this IHostApplicationBuilder builder)
    {
        builder.AddSmokeShared();
        builder.Services.AddSingleton<SmokeSender>();
        return builder;
    }
}
