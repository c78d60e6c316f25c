using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudMessaging.Shared.HealthChecks;

/// <summary>
/// Healthy when a peek on the smoke queue answers: that proves the connection, the credentials and the entity, without
/// taking a lock or changing anything.
/// </summary>
public sealed class ServiceBusHealthCheck(ServiceBusClient client) : IHealthCheck, IAsyncDisposable
{
    private readonly ServiceBusReceiver _receiver = client.CreateReceiver(EntityNames.SmokeQueue);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var pass = BackgroundActivity.StartPass("health servicebus");
        try
        {
            await _receiver.PeekMessageAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is ServiceBusException or UnauthorizedAccessException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Service Bus peek failed.", ex);
        }
    }

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
