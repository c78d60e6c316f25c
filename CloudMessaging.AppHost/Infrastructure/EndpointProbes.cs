using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudMessaging.AppHost.Infrastructure;

/// <summary>Health probes for resources that have no health endpoint of their own.</summary>
internal static class EndpointProbes
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Any HTTP answer, even 4xx for an unauthenticated request, means the server is up.</summary>
    public static async Task<HealthCheckResult> HttpAnswersAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("No port allocated yet.");
        }

        try
        {
            using var response = await Http.GetAsync(endpoint.Url, cancellationToken);
            return HealthCheckResult.Healthy($"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy("No HTTP answer.", ex);
        }
    }

    public static async Task<HealthCheckResult> RedisPingAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("No port allocated yet.");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            return reply.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Unexpected reply to PING: {reply.Trim()}");
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy("Connection refused.", ex);
        }
    }
}
