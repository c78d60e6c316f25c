using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

public static class RequestReplyServiceCollectionExtensions
{
    /// <summary>Asynchronous request-reply: the shared job store and options, and the sender to the <c>jobs</c> queue.</summary>
    public static IHostApplicationBuilder AddRequestReplyApi(this IHostApplicationBuilder builder)
    {
        builder.AddRequestReplyShared();
        builder.Services.AddSingleton<JobSender>();
        return builder;
    }
}
