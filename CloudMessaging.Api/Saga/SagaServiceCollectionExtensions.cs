using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Api.Saga;

public static class SagaServiceCollectionExtensions
{
    /// <summary>Saga: the shared stores and options, and the sender that starts an order's saga.</summary>
    public static IHostApplicationBuilder AddSagaApi(this IHostApplicationBuilder builder)
    {
        builder.AddSagaShared();
        builder.Services.AddSingleton<SagaSender>();
        return builder;
    }
}
