using CloudMessaging.Shared.PubSub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudMessaging.Shared.Saga;

public static class SagaServiceCollectionExtensions
{
    /// <summary>
    /// What the API and the workers share: <see cref="SagaOptions"/>, the read model, the participants' stores and
    /// the order-event publisher (a finished saga publishes).
    /// </summary>
    public static IHostApplicationBuilder AddSagaShared(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SagaOptions>().Bind(builder.Configuration.GetSection(SagaOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SagaOrderStore>();
        builder.Services.TryAddSingleton<InventoryStore>();
        builder.Services.TryAddSingleton<PaymentStore>();
        builder.Services.TryAddSingleton<ShippingStore>();
        builder.AddPubSubShared();
        return builder;
    }
}
