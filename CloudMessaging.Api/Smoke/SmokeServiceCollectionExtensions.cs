using CloudMessaging.Shared.Smoke;

namespace CloudMessaging.Api.Smoke;

public static class SmokeServiceCollectionExtensions
{
    /// <summary>The smoke test's store; the endpoint sends with a sender of its own per message.</summary>
    public static IHostApplicationBuilder AddSmokeApi(this IHostApplicationBuilder builder) => builder.AddSmokeShared();
}
