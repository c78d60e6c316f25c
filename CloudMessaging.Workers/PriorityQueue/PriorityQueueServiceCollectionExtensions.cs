using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PriorityQueue;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Workers.PriorityQueue;

public static class PriorityQueueServiceCollectionExtensions
{
    /// <summary>Priority queue: one dedicated processor per level, and an escalator for each level that has one above it.</summary>
    public static IHostApplicationBuilder AddPriorityQueueWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddPriorityQueueShared();
        var services = builder.Services;
        services.AddSingleton<PriorityQueueMetrics>();
        foreach (var level in TaskPriorities.All)
        {
            services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<PriorityTaskProcessor>(
                provider, level, provider.GetRequiredService<IOptions<PriorityQueueOptions>>().Value));
            if (level.TryGetNextUp(out var nextUp))
            {
                // Two arguments of the same type: built by hand so from and to cannot be swapped by argument matching.
                services.AddSingleton<IHostedService>(provider => new TaskEscalator(
                    level,
                    nextUp,
                    provider.GetRequiredService<ServiceBusClient>(),
                    provider.GetRequiredService<EscalationStore>(),
                    provider.GetRequiredService<PriorityQueueMetrics>(),
                    provider.GetRequiredService<ReplicaIdentity>(),
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<IOptions<PriorityQueueOptions>>().Value,
                    provider.GetRequiredService<ILogger<TaskEscalator>>()));
            }
        }

        return builder;
    }
}
