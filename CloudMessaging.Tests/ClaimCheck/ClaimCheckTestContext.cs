using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudMessaging.Shared.ClaimCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>Builds claim-check parts against the shared Azurite, each test with a container of its own.</summary>
public sealed class ClaimCheckTestContext(AzuriteFixture azurite)
{
    public BlobServiceClient BlobServiceClient { get; } = azurite.CreateBlobServiceClient();

    public static ClaimCheckOptions NewOptions(Action<ClaimCheckOptions>? configure = null)
    {
        var options = new ClaimCheckOptions { ContainerName = $"claim-checks-{Guid.NewGuid():N}"[..40] };
        configure?.Invoke(options);
        var validation = new ClaimCheckOptionsValidator().Validate(null, options);
        Assert.True(validation.Succeeded, validation.FailureMessage);
        return options;
    }

    public ClaimCheckStore NewStore(ClaimCheckOptions options) =>
        new(BlobServiceClient, Options.Create(options), NullLogger<ClaimCheckStore>.Instance);

    public ClaimCheckStore NewStore(Action<ClaimCheckOptions>? configure = null) => NewStore(NewOptions(configure));

    /// <summary>Committed blobs only: staged, uncommitted blocks are not blobs and are not listed.</summary>
    public static Task<List<string>> CommittedBlobNamesAsync(ClaimCheckStore store) => BlobNamesAsync(store, BlobStates.None);

    /// <summary>Also the names that only have staged blocks: uploads under way (or abandoned and not cleaned up).</summary>
    public static Task<List<string>> StagedOrCommittedBlobNamesAsync(ClaimCheckStore store) => BlobNamesAsync(store, BlobStates.Uncommitted);

    private static async Task<List<string>> BlobNamesAsync(ClaimCheckStore store, BlobStates states)
    {
        var names = new List<string>();
        if (!(await store.Container.ExistsAsync()).Value)
        {
            return names;
        }

        await foreach (var blob in store.Container.GetBlobsAsync(BlobTraits.None, states, prefix: null, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
