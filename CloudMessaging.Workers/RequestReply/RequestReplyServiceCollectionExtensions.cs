using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Workers.RequestReply;

public static class RequestReplyServiceCollectionExtensions
{
    /// <summary>Asynchronous request-reply: runs jobs and answers quotes from the <c>jobs</c> queue, and fails dead-lettered jobs.</summary>
    public static IHostApplicationBuilder AddRequestReplyWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddRequestReplyShared();
        builder.Services.AddSingleton<RequestReplyMetrics>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddSingleton<ReplySenders>();
        builder.Services.AddSingleton<QuoteResponder>();
        builder.Services.AddHostedService<JobProcessor>();
        builder.Services.AddHostedService<JobDeadLetterProcessor>();
        return builder;
    }
}
