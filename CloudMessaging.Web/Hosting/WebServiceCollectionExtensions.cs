using CloudMessaging.Web.Api;

namespace CloudMessaging.Web.Hosting;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The API client: service discovery from the defaults, the bearer token when configured, and none of the standard
    /// resilience handlers, whose retries and 30 s total timeout would re-send submissions and cut event streams and
    /// large uploads; <see cref="CloudMessagingApi"/> bounds ordinary calls itself.
    /// </summary>
    public static IHostApplicationBuilder AddCloudMessagingApiClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        builder.Services.Configure<WebOptions>(options =>
            options.FaultInjection = builder.Configuration.GetValue("Demo:FaultInjection", options.FaultInjection));
        builder.Services.AddTransient<ApiTokenHandler>();
#pragma warning disable EXTEXP0001 // Experimental, and the only way to take back the defaults' resilience handler for one client.
        builder.Services.AddHttpClient<CloudMessagingApi>((services, http) =>
            {
                http.BaseAddress = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value.ApiBaseAddress;
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Not followed: the request-reply page shows the 303 and follows it itself.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<ApiTokenHandler>()
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
