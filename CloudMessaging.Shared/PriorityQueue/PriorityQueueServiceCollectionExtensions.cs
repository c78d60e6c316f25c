using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudMessaging.Shared.PriorityQueue;

public static class PriorityQueueServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PriorityQueueOptions"/> (validated at start) and registers the <see cref="TaskLedger"/>.</summary>
    public static IServiceCollection AddPriorityQueueLedger(this IServiceCollection services)
    {
        services.AddOptions<PriorityQueueOptions>()
            .BindConfiguration(PriorityQueueOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Concurrency is { High: >= 1, Normal: >= 1, Low: >= 1 }, "PriorityQueue:Concurrency: every level needs at least one handler.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TaskLedger>();
        return services;
    }
}
