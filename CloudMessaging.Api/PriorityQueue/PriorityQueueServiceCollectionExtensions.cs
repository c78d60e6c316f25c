using CloudMessaging.Shared.PriorityQueue;

namespace CloudMessaging.Api.PriorityQueue;

public static class PriorityQueueServiceCollectionExtensions
{
    /// <summary>Priority queue: the shared task stores and options, and the sender to the three priority queues.</summary>
    public static IHostApplicationBuilder AddPriorityQueueApi(this IHostApplicationBuilder builder)
    {
        builder.AddPriorityQueueShared();
        builder.Services.AddSingleton<TaskSender>();
        return builder;
    }
}
