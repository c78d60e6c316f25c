namespace CloudMessaging.Api.Http;

internal static class LiveStreamSetup
{
    public static void AddLiveStreams(this IServiceCollection services) =>
        services.AddOptions<LiveStreamOptions>()
            .BindConfiguration(LiveStreamOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero, "LiveStreams: PollInterval must be positive.")
            .Validate(o => o.KeepAlive > TimeSpan.Zero, "LiveStreams: KeepAlive must be positive.")
            .ValidateOnStart();
}
