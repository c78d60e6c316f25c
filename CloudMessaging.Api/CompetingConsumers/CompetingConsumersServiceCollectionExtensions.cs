using CloudMessaging.Shared.CompetingConsumers;

namespace CloudMessaging.Api.CompetingConsumers;

public static class CompetingConsumersServiceCollectionExtensions
{
    /// <summary>Competing consumers: the shared work store and idempotency records, and the work sender.</summary>
    public static IHostApplicationBuilder AddCompetingConsumersApi(this IHostApplicationBuilder builder)
    {
        builder.AddCompetingConsumersShared();
        builder.Services.AddSingleton<WorkSender>();
        return builder;
    }
}
