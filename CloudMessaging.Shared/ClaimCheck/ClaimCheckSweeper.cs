using Azure;
using Azure.Storage.Blobs.Models;
using CloudMessaging.Shared.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// Deletes orphaned claim-check blobs: older than <see cref="ClaimCheckOptions.Retention"/> and referenced by no
/// pending message. Orphans come from a producer that died between upload and send, a consumer that died between
/// completing a message and deleting its blob, messages that expired or were purged, and topic fan-out, where no
/// single subscriber may delete a shared payload.
/// </summary>
/// <remarks>
/// <para>
/// How "pending" is known: the blob's age filters first, and only blobs past the retention period are checked
/// against <see cref="IPendingClaimCheckSource"/> (by default a peek of the entities that carry claim checks, see
/// <see cref="ServiceBusPendingClaimChecks"/>). Age alone is not enough because a dead-lettered message never
/// expires and a scheduled one may lie dormant for days; a reference check alone would race with producers,
/// which upload before they send. With both, a blob is deleted only when it is old enough that its message must
/// already exist if it ever will, and no message in any configured entity refers to it.
/// </para>
/// <para>
/// Blobs are listed before the references are collected, and each deletion is conditional on the blob's ETag at
/// listing time, so a blob rewritten meanwhile is left for the next sweep. If collecting references fails, the
/// sweep deletes nothing. Several replicas may sweep at once: deletions are idempotent.
/// </para>
/// <para>
/// In Azure, a storage lifecycle management rule on the container can delete by age as a backstop; it cannot see
/// messages, so its age limit must be far above the longest time a message may stay dead-lettered.
/// </para>
/// </remarks>
public sealed partial class ClaimCheckSweeper(
    ClaimCheckStore store,
    IPendingClaimCheckSource pending,
    IOptions<ClaimCheckOptions> options,
    TimeProvider timeProvider,
    ILogger<ClaimCheckSweeper> logger) : BackgroundService
{
    private readonly ClaimCheckOptions _options = options.Value;

    public async Task<ClaimCheckSweepResult> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var container = store.Container;
        if (!(await container.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            return ClaimCheckSweepResult.Nothing(0);
        }

        var cutoff = timeProvider.GetUtcNow() - _options.Retention;
        var expired = new List<(string Name, ETag ETag)>();
        var examined = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            examined++;
            var createdOn = blob.Properties.CreatedOn ?? blob.Properties.LastModified;
            if (createdOn is not null && createdOn < cutoff && blob.Properties.ETag is { } etag)
            {
                expired.Add((blob.Name, etag));
            }
        }

        if (expired.Count == 0)
        {
            return ClaimCheckSweepResult.Nothing(examined);
        }

        var referenced = await pending.GetReferencedBlobNamesAsync(cancellationToken).ConfigureAwait(false);
        var kept = 0;
        var deleted = 0;
        foreach (var (name, etag) in expired)
        {
            if (referenced.Contains(name))
            {
                kept++;
                continue;
            }

            if (await DeleteUnchangedAsync(name, etag, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        var result = new ClaimCheckSweepResult(examined, expired.Count, kept, deleted);
        LogSwept(result.Examined, result.Expired, result.Referenced, result.Deleted);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_options.SweepInterval, _options.Retention, _options.SweepEntities.Count);
        if (_options.SweepEntities.Count == 0 && pending is ServiceBusPendingClaimChecks)
        {
            LogNoEntities(_options.Retention);
        }

        using var timer = new PeriodicTimer(_options.SweepInterval, timeProvider);
        do
        {
            try
            {
                // A sweep's listings and peeks start no trace (README "Observability").
                using var pass = BackgroundActivity.StartPass("claim-check sweep");
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed sweep deletes nothing; the next tick tries again.
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<bool> DeleteUnchangedAsync(string name, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await store.Container.GetBlobClient(name).DeleteIfExistsAsync(
                DeleteSnapshotsOption.IncludeSnapshots,
                new BlobRequestConditions { IfMatch = etag },
                cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Claim-check sweeper runs every {Interval}, retention {Retention}, checking {EntityCount} entities for references")]
    private partial void LogStarted(TimeSpan interval, TimeSpan retention, int entityCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim-check sweeper has no entities to check for references: every blob older than {Retention} will be deleted, as a lifecycle rule would")]
    private partial void LogNoEntities(TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claim-check sweep: {Examined} blobs, {Expired} past retention, {Referenced} still referenced, {Deleted} deleted")]
    private partial void LogSwept(int examined, int expired, int referenced, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim-check sweep failed; nothing was deleted by the failing step")]
    private partial void LogSweepFailed(Exception exception);
}
