using CloudMessaging.Shared.Idempotency;

namespace CloudMessaging.Workers.CompetingConsumers;

public static class CompetingConsumersServiceCollectionExtensions
{
    /// <summary>The consumers of <c>work</c> and <c>work-ordered</c>, configured from the <c>CompetingConsumers</c> section.</summary>
    public static IServiceCollection AddCompetingConsumers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CompetingConsumersOptions>()
            .Bind(configuration.GetSection(CompetingConsumersOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddIdempotency();
        services.AddSingleton<WorkLedger>();
        services.AddSingleton<WorkItemHandler>();
        services.AddHostedService<WorkProcessor>();
        services.AddHostedService<OrderedWorkProcessor>();
        return services;
    }
}
