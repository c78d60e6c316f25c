using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>
/// Puts payloads into the claim-check container and gets them back, streaming both ways: an upload holds at most
/// a few blocks in memory whatever the payload size, and a read hands the network stream to the consumer behind a
/// hash check.
/// </summary>
/// <remarks>
/// An upload stages blocks and commits them in one call at the very end. Until that commit, Blob Storage shows no
/// blob at all (staged blocks are invisible and the service discards them after a week), so an upload that is
/// cancelled, fails or runs over the limit leaves nothing a reader or the sweeper could see.
/// </remarks>
public sealed partial class ClaimCheckStore
{
    private const string DefaultContentType = "application/octet-stream";
    private const string Sha256MetadataKey = "sha256";

    private readonly ClaimCheckOptions _options;
    private readonly ILogger<ClaimCheckStore> _logger;
    private volatile bool _containerExists;

    public ClaimCheckStore(BlobServiceClient blobServiceClient, IOptions<ClaimCheckOptions> options, ILogger<ClaimCheckStore> logger)
    {
        ArgumentNullException.ThrowIfNull(blobServiceClient);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        Container = blobServiceClient.GetBlobContainerClient(_options.ContainerName);
    }

    public BlobContainerClient Container { get; }

    public long MaxUploadBytes => _options.MaxUploadBytes;

    /// <summary>
    /// Rejects a payload whose declared length (an HTTP Content-Length) is already over the limit, so the caller
    /// can answer 413 before reading a byte. Payloads of unknown length are checked while they stream.
    /// </summary>
    /// <exception cref="ClaimCheckTooLargeException">The declared length exceeds <see cref="MaxUploadBytes"/>.</exception>
    public void ThrowIfDeclaredTooLarge(long? declaredLength)
    {
        if (declaredLength > _options.MaxUploadBytes)
        {
            throw new ClaimCheckTooLargeException(_options.MaxUploadBytes);
        }
    }

    /// <summary>
    /// Streams <paramref name="content"/> (of any, even unknown, length) into a new blob while computing its
    /// SHA-256 and length.
    /// </summary>
    /// <param name="content">The payload; read once, forward only, to its end.</param>
    /// <param name="contentType">Media type recorded on the blob and in the reference.</param>
    /// <param name="fileName">Original file name, recorded in the reference only.</param>
    /// <exception cref="ClaimCheckTooLargeException">The payload exceeds <see cref="ClaimCheckOptions.MaxUploadBytes"/>.</exception>
    /// <exception cref="ClaimCheckEmptyPayloadException">The payload has no bytes.</exception>
    public async Task<ClaimCheckReference> UploadAsync(
        Stream content,
        string? contentType = null,
        string? fileName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

        var blob = Container.GetBlockBlobClient(Guid.CreateVersion7().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var staging = new List<Task>(_options.UploadConcurrency);
        var blockIds = new List<string>();
        long length = 0;

        try
        {
            while (true)
            {
                // Waiting for a free slot before renting bounds the buffers held to UploadConcurrency.
                await ReapFinishedStagingAsync(staging, waitForOne: staging.Count >= _options.UploadConcurrency).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(_options.UploadBlockSizeBytes);
                int filled;
                try
                {
                    filled = await FillAsync(content, buffer.AsMemory(0, _options.UploadBlockSizeBytes), abort.Token).ConfigureAwait(false);
                    length += filled;
                    if (length > _options.MaxUploadBytes)
                    {
                        throw new ClaimCheckTooLargeException(_options.MaxUploadBytes);
                    }

                    if (filled == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        break;
                    }

                    hash.AppendData(buffer, 0, filled);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                var endOfPayload = filled < _options.UploadBlockSizeBytes;
                if (endOfPayload && blockIds.Count == 0)
                {
                    // The whole payload fits in one block: a single Put Blob is one round trip instead of two.
                    try
                    {
                        await blob.UploadAsync(
                            new MemoryStream(buffer, 0, filled, writable: false),
                            new BlobUploadOptions
                            {
                                HttpHeaders = new BlobHttpHeaders { ContentType = contentType ?? DefaultContentType },
                                Metadata = MetadataFor(hash),
                                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                            },
                            abort.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    return ReferenceFor(blob, length, hash, contentType, fileName);
                }

                var blockId = BlockId(blockIds.Count);
                blockIds.Add(blockId);
                staging.Add(StageBlockAsync(blob, blockId, buffer, filled, abort.Token));

                if (endOfPayload)
                {
                    break;
                }
            }

            if (length == 0)
            {
                throw new ClaimCheckEmptyPayloadException();
            }

            await Task.WhenAll(staging).ConfigureAwait(false);
            await blob.CommitBlockListAsync(
                blockIds,
                new CommitBlockListOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType ?? DefaultContentType },
                    Metadata = MetadataFor(hash),
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                abort.Token).ConfigureAwait(false);

            return ReferenceFor(blob, length, hash, contentType, fileName);
        }
        catch (Exception failure)
        {
            await abort.CancelAsync().ConfigureAwait(false);
            await DrainAsync(staging).ConfigureAwait(false);
            await DeleteAbandonedUploadAsync(blob, failure).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Uploads a payload that is already in memory (an offloaded message body).</summary>
    public Task<ClaimCheckReference> UploadAsync(
        BinaryData content,
        string? contentType = null,
        string? fileName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return UploadAsync(content.ToStream(), contentType, fileName, cancellationToken);
    }

    /// <summary>
    /// Opens the payload as a stream straight from Blob Storage, verified as it is read (see
    /// <see cref="HashVerifyingStream"/>). The caller disposes it.
    /// </summary>
    /// <exception cref="ClaimCheckBlobNotFoundException">The blob does not exist.</exception>
    /// <exception cref="ClaimCheckIntegrityException">The blob's length already differs from the reference.</exception>
    /// <exception cref="InvalidClaimCheckReferenceException">The reference points outside the claim-check container.</exception>
    public async Task<HashVerifyingStream> OpenReadAsync(ClaimCheckReference reference, CancellationToken cancellationToken = default)
    {
        var blob = BlobFor(reference);
        BlobDownloadStreamingResult download;
        try
        {
            download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new ClaimCheckBlobNotFoundException(reference, ex);
        }

        if (download.Details.ContentLength != reference.Length)
        {
            download.Dispose();
            throw new ClaimCheckIntegrityException(reference, download.Details.ContentLength, actualSha256: null);
        }

        return new HashVerifyingStream(download.Content, reference);
    }

    /// <summary>
    /// Streams the payload through <paramref name="consumer"/> and returns its result only once the whole payload
    /// (including anything the consumer left unread) has been verified. A consumer's work on a corrupted payload
    /// therefore never escapes as a result.
    /// </summary>
    /// <exception cref="ClaimCheckBlobNotFoundException">The blob does not exist.</exception>
    /// <exception cref="ClaimCheckIntegrityException">Length or hash differ from the reference.</exception>
    public async Task<T> ConsumeAsync<T>(
        ClaimCheckReference reference,
        Func<Stream, CancellationToken, Task<T>> consumer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var stream = await OpenReadAsync(reference, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var result = await consumer(stream, cancellationToken).ConfigureAwait(false);
            await stream.ReadToEndAndVerifyAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>
    /// Reads a whole, verified payload into memory. Meant for offloaded message bodies, which a handler wants as
    /// <see cref="BinaryData"/> anyway; stream large documents with <see cref="ConsumeAsync{T}"/> instead.
    /// </summary>
    public async Task<BinaryData> DownloadAsync(ClaimCheckReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Length > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"A {reference.Length}-byte payload cannot be held in memory; stream it with {nameof(ConsumeAsync)}.");
        }

        var stream = await OpenReadAsync(reference, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var payload = new byte[reference.Length];
            await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
            await stream.ReadToEndAndVerifyAsync(cancellationToken).ConfigureAwait(false);
            return BinaryData.FromBytes(payload);
        }
    }

    /// <summary>Deletes the payload once its consumer is done. Idempotent, so a redelivered message is harmless.</summary>
    /// <returns>True when a blob was deleted, false when it was already gone.</returns>
    public async Task<bool> DeleteAsync(ClaimCheckReference reference, CancellationToken cancellationToken = default)
    {
        var blob = BlobFor(reference);
        var response = await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Value;
    }

    public async Task<bool> ExistsAsync(ClaimCheckReference reference, CancellationToken cancellationToken = default)
    {
        var blob = BlobFor(reference);
        return (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    private BlobClient BlobFor(ClaimCheckReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        reference.Validate();

        // A message must not be able to point a worker at any other container of the account.
        if (!string.Equals(reference.Container, Container.Name, StringComparison.Ordinal))
        {
            throw new InvalidClaimCheckReferenceException(
                $"The claim-check reference points to container '{reference.Container}', not to '{Container.Name}'.");
        }

        return Container.GetBlobClient(reference.BlobName);
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerExists)
        {
            return;
        }

        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _containerExists = true;
    }

    private ClaimCheckReference ReferenceFor(BlockBlobClient blob, long length, IncrementalHash hash, string? contentType, string? fileName) =>
        new(Container.Name, blob.Name, length, Convert.ToHexStringLower(hash.GetCurrentHash()), contentType, fileName);

    private static Dictionary<string, string> MetadataFor(IncrementalHash hash) =>
        new() { [Sha256MetadataKey] = Convert.ToHexStringLower(hash.GetCurrentHash()) };

    // Block ids must all have the same length within a blob: a fixed-width 8-byte counter, base64-encoded.
    private static string BlockId(int index) => Convert.ToBase64String(BitConverter.GetBytes((long)index));

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private static async Task<int> FillAsync(Stream content, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static async Task StageBlockAsync(BlockBlobClient blob, string blockId, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        try
        {
            await blob.StageBlockAsync(blockId, new MemoryStream(buffer, 0, count, writable: false), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Surfaces a failed staging call as soon as it is noticed (so a broken upload stops reading the client), and
    /// when every slot is busy waits for one to free up, which bounds the buffers in use.
    /// </summary>
    private static async Task ReapFinishedStagingAsync(List<Task> staging, bool waitForOne)
    {
        if (waitForOne)
        {
            await Task.WhenAny(staging).ConfigureAwait(false);
        }

        for (var i = staging.Count - 1; i >= 0; i--)
        {
            if (staging[i].IsCompleted)
            {
                var finished = staging[i];
                staging.RemoveAt(i);
                await finished.ConfigureAwait(false);
            }
        }
    }

    private static async Task DrainAsync(List<Task> staging)
    {
        try
        {
            await Task.WhenAll(staging).ConfigureAwait(false);
        }
        catch
        {
            // The upload already failed; the first failure is what the caller sees.
        }
    }

    /// <summary>
    /// Normally there is nothing to delete: blocks were only staged. But a cancellation that lands while the
    /// commit is in flight may arrive after the service committed, so the name is deleted to be sure.
    /// </summary>
    private async Task DeleteAbandonedUploadAsync(BlockBlobClient blob, Exception failure)
    {
        try
        {
            var deleted = await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            LogUploadAbandoned(blob.Name, deleted.Value, failure.GetType().Name);
        }
        catch (Exception ex)
        {
            LogAbandonedUploadNotDeleted(ex, blob.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Claim-check upload of blob {BlobName} abandoned ({Failure}); committed blob deleted: {Deleted}")]
    private partial void LogUploadAbandoned(string blobName, bool deleted, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim-check upload of blob {BlobName} abandoned and could not be cleaned up; the sweeper will remove it")]
    private partial void LogAbandonedUploadNotDeleted(Exception exception, string blobName);
}
