using CloudMessaging.Shared.CompetingConsumers;

namespace CloudMessaging.Workers.CompetingConsumers;

public static class CompetingConsumersServiceCollectionExtensions
{
    /// <summary>Competing consumers: the consumers of <c>work</c> and <c>work-ordered</c>.</summary>
    public static IHostApplicationBuilder AddCompetingConsumersWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddCompetingConsumersShared();
        builder.Services.AddSingleton<CompetingConsumersMetrics>();
        builder.Services.AddSingleton<WorkItemHandler>();
        builder.Services.AddHostedService<WorkProcessor>();
        builder.Services.AddHostedService<OrderedWorkProcessor>();
        return builder;
    }
}
