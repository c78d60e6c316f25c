namespace CloudMessaging.Api.DeadLetters;

public static class DeadLettersServiceCollectionExtensions
{
    /// <summary>Dead-letter queues: the replayer that peeks and re-sends any entity's dead-lettered messages.</summary>
    public static IHostApplicationBuilder AddDeadLettersApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeadLetterReplayer>();
        return builder;
    }
}
