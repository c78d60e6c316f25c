using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudMessaging.Shared.PriorityQueue;

public static class PriorityQueueServiceCollectionExtensions
{
    /// <summary>What the API and the workers share: <see cref="PriorityQueueOptions"/> and the task stores.</summary>
    public static IHostApplicationBuilder AddPriorityQueueShared(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PriorityQueueOptions>()
            .Bind(builder.Configuration.GetSection(PriorityQueueOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Concurrency is { High: >= 1, Normal: >= 1, Low: >= 1 }, "PriorityQueue:Concurrency: every level needs at least one handler.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<TaskStore>();
        builder.Services.TryAddSingleton<EscalationStore>();
        builder.Services.TryAddSingleton<TaskStatsStore>();
        return builder;
    }
}
