using Azure;
using Azure.Storage.Blobs;
using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CloudMessaging.Shared.HealthChecks;

/// <summary>
/// Healthy when the claim-check container lists a page of blobs: connection and credentials both work. It asks the
/// container, not the account, because in Azure the apps' role is scoped to that one container; a container not
/// created yet (404) still proves the service answered and accepted the credentials.
/// </summary>
public sealed class BlobStorageHealthCheck(BlobServiceClient client, IConfiguration configuration) : IHealthCheck
{
    private readonly string _containerName =
        configuration[$"{ClaimCheckOptions.SectionName}:{nameof(ClaimCheckOptions.ContainerName)}"] ?? new ClaimCheckOptions().ContainerName;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var pass = BackgroundActivity.StartPass("health blobs");
        try
        {
            var container = client.GetBlobContainerClient(_containerName);
            await foreach (var _ in container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return HealthCheckResult.Healthy("The claim-check container does not exist yet.");
        }
        catch (RequestFailedException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Blob storage did not answer.", ex);
        }
    }
}
