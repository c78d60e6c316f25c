using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Workers.Saga;

public static class SagaServiceCollectionExtensions
{
    /// <summary>Saga: the orchestrator on the session-enabled <c>saga</c> queue and the three participants.</summary>
    public static IHostApplicationBuilder AddSagaWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddSagaShared();
        builder.Services.AddSingleton<SagaReplySender>();
        builder.Services.AddSingleton<SagaCommandBus>();
        builder.Services.AddSingleton<SagaStateMachine>();
        builder.Services.AddSingleton<SagaMetrics>();
        builder.Services.AddHostedService<InventorySeeder>();
        builder.Services.AddHostedService<InventoryParticipant>();
        builder.Services.AddHostedService<PaymentParticipant>();
        builder.Services.AddHostedService<ShippingParticipant>();
        builder.Services.AddHostedService<SagaOrchestrator>();
        return builder;
    }
}
