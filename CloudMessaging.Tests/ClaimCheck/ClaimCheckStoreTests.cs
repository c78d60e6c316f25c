using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using CloudMessaging.Shared.ClaimCheck;

namespace CloudMessaging.Tests.ClaimCheck;

[Collection(AzuriteCollection.Name)]
public sealed class ClaimCheckStoreTests(AzuriteFixture azurite)
{
    private const int MiB = 1024 * 1024;

    private readonly ClaimCheckTestContext _context = new(azurite);

    [Fact]
    public async Task A_50_MB_stream_round_trips_with_its_hash_verified_and_its_blob_is_deleted_after()
    {
        const long length = 50L * MiB;
        var store = _context.NewStore();

        var reference = await store.UploadAsync(new GeneratedPayloadStream(length), "application/pdf", "report.pdf");

        Assert.Equal(store.Container.Name, reference.Container);
        Assert.Equal(length, reference.Length);
        Assert.Equal(GeneratedPayloadStream.Sha256Of(length), reference.Sha256);
        Assert.Equal("application/pdf", reference.ContentType);
        Assert.Equal("report.pdf", reference.FileName);

        var properties = (await store.Container.GetBlobClient(reference.BlobName).GetPropertiesAsync()).Value;
        Assert.Equal(length, properties.ContentLength);
        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal(reference.Sha256, properties.Metadata["sha256"]);

        var (readLength, readSha256) = await store.ConsumeAsync(reference, HashWhileReadingAsync);
        Assert.Equal(length, readLength);
        Assert.Equal(reference.Sha256, readSha256);

        Assert.True(await store.DeleteAsync(reference));
        Assert.False(await store.ExistsAsync(reference));
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
        Assert.False(await store.DeleteAsync(reference));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100 * 1024)]
    [InlineData(256 * 1024)]
    [InlineData(256 * 1024 + 1)]
    [InlineData(3 * 256 * 1024)]
    public async Task Payloads_around_block_boundaries_round_trip(int length)
    {
        var store = _context.NewStore(o => o.UploadBlockSizeBytes = 256 * 1024);

        var reference = await store.UploadAsync(new GeneratedPayloadStream(length));

        Assert.Equal(length, reference.Length);
        Assert.Equal("application/octet-stream", (await store.Container.GetBlobClient(reference.BlobName).GetPropertiesAsync()).Value.ContentType);
        Assert.Null(reference.ContentType);
        Assert.Equal(GeneratedPayloadStream.BytesOf(length), (await store.DownloadAsync(reference)).ToArray());
    }

    [Fact]
    public async Task A_payload_over_the_maximum_is_rejected_stops_being_read_and_leaves_no_blob()
    {
        var store = _context.NewStore(o =>
        {
            o.MaxUploadBytes = 1 * MiB;
            o.UploadBlockSizeBytes = 256 * 1024;
        });
        var body = new GeneratedPayloadStream(8L * MiB);

        var error = await Assert.ThrowsAsync<ClaimCheckTooLargeException>(() => store.UploadAsync(body, "text/plain"));

        Assert.Equal(1 * MiB, error.MaxBytes);
        Assert.Equal("ClaimCheckTooLarge", error.DeadLetterReason);
        Assert.True(body.BytesRead <= 1 * MiB + 256 * 1024, $"read {body.BytesRead} bytes of an over-limit body");
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
    }

    [Fact]
    public void A_declared_length_over_the_maximum_is_rejected_before_reading()
    {
        var store = _context.NewStore(o => o.MaxUploadBytes = 1 * MiB);

        store.ThrowIfDeclaredTooLarge(null);
        store.ThrowIfDeclaredTooLarge(1 * MiB);
        Assert.Throws<ClaimCheckTooLargeException>(() => store.ThrowIfDeclaredTooLarge(1 * MiB + 1));
    }

    [Fact]
    public async Task A_payload_of_exactly_the_maximum_is_accepted()
    {
        var store = _context.NewStore(o =>
        {
            o.MaxUploadBytes = 1 * MiB;
            o.UploadBlockSizeBytes = 256 * 1024;
        });

        var reference = await store.UploadAsync(new GeneratedPayloadStream(1 * MiB));

        Assert.Equal(1 * MiB, reference.Length);
        Assert.Equal(GeneratedPayloadStream.Sha256Of(1 * MiB), reference.Sha256);
    }

    [Fact]
    public async Task An_empty_payload_is_rejected_and_leaves_no_blob()
    {
        var store = _context.NewStore();

        var error = await Assert.ThrowsAsync<ClaimCheckEmptyPayloadException>(() => store.UploadAsync(Stream.Null));

        Assert.Equal("ClaimCheckEmptyPayload", error.DeadLetterReason);
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_no_blob()
    {
        var store = _context.NewStore(o =>
        {
            o.UploadBlockSizeBytes = 1 * MiB;
            o.UploadConcurrency = 4;
        });
        using var requestAborted = new CancellationTokenSource();
        var body = new InterruptedStream(new GeneratedPayloadStream(50L * MiB), interruptAt: 10L * MiB, requestAborted.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.UploadAsync(body, "application/pdf", "big.pdf", requestAborted.Token));

        // At most UploadConcurrency (4) blocks are in flight, so at least 6 of the 10 read were staged: the
        // upload got well under way, and still nothing was committed.
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_upload_leaves_no_blob()
    {
        var store = _context.NewStore(o =>
        {
            o.UploadBlockSizeBytes = 1 * MiB;
            o.UploadConcurrency = 4;
        });
        var body = new InterruptedStream(
            new GeneratedPayloadStream(50L * MiB),
            interruptAt: 10L * MiB,
            () => throw new IOException("The client reset the connection."));

        await Assert.ThrowsAsync<IOException>(() => store.UploadAsync(body, "application/pdf"));

        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
    }

    [Fact]
    public async Task A_tampered_blob_fails_hash_verification_and_is_kept_for_inspection()
    {
        var store = _context.NewStore();
        var reference = await store.UploadAsync(new GeneratedPayloadStream(5L * MiB), "application/octet-stream");
        var tampered = await OverwriteAsync(store, reference, bytes => bytes[^1] ^= 0xFF);

        var consumerFinished = false;
        var error = await Assert.ThrowsAsync<ClaimCheckIntegrityException>(() => store.ConsumeAsync(reference, async (stream, ct) =>
        {
            await stream.CopyToAsync(Stream.Null, ct);
            consumerFinished = true;
            return "result that must not escape";
        }));

        Assert.False(consumerFinished, "the consumer's read to the end must fail, not complete");
        Assert.Equal("ClaimCheckHashMismatch", error.DeadLetterReason);
        Assert.Equal(reference.Length, error.ActualLength);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(tampered)), error.ActualSha256);
        Assert.True(await store.ExistsAsync(reference));
    }

    [Fact]
    public async Task A_consumer_that_stops_reading_early_still_gets_no_result_from_a_tampered_blob()
    {
        var store = _context.NewStore();
        var reference = await store.UploadAsync(new GeneratedPayloadStream(3L * MiB));
        await OverwriteAsync(store, reference, bytes => bytes[^1] ^= 0x01);

        var error = await Assert.ThrowsAsync<ClaimCheckIntegrityException>(() => store.ConsumeAsync(reference, async (stream, ct) =>
        {
            var header = new byte[1024];
            await stream.ReadExactlyAsync(header, ct);
            return header;
        }));

        Assert.Equal("ClaimCheckHashMismatch", error.DeadLetterReason);
    }

    [Fact]
    public async Task A_truncated_blob_fails_length_verification()
    {
        var store = _context.NewStore();
        var reference = await store.UploadAsync(new GeneratedPayloadStream(2L * MiB));
        await OverwriteAsync(store, reference, bytes => bytes.AsSpan(0, bytes.Length - 10).ToArray(), resize: true);

        var error = await Assert.ThrowsAsync<ClaimCheckIntegrityException>(() => store.OpenReadAsync(reference));

        Assert.Equal("ClaimCheckLengthMismatch", error.DeadLetterReason);
        Assert.Equal(reference.Length - 10, error.ActualLength);
    }

    [Fact]
    public async Task A_missing_blob_raises_blob_not_found()
    {
        var store = _context.NewStore();
        var uploaded = await store.UploadAsync(new GeneratedPayloadStream(1024));
        var missing = uploaded with { BlobName = Guid.NewGuid().ToString("N") };

        var error = await Assert.ThrowsAsync<ClaimCheckBlobNotFoundException>(() => store.ConsumeAsync(missing, (_, _) => Task.FromResult(0)));

        Assert.Equal("ClaimCheckBlobMissing", error.DeadLetterReason);
        Assert.Same(missing, error.Reference);
    }

    [Fact]
    public async Task A_reference_to_another_container_is_refused()
    {
        var store = _context.NewStore();
        var reference = await store.UploadAsync(new GeneratedPayloadStream(1024));

        var error = await Assert.ThrowsAsync<InvalidClaimCheckReferenceException>(
            () => store.OpenReadAsync(reference with { Container = "someone-elses-container" }));

        Assert.Equal("ClaimCheckInvalidReference", error.DeadLetterReason);
    }

    private static async Task<(long Length, string Sha256)> HashWhileReadingAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static Task<byte[]> OverwriteAsync(ClaimCheckStore store, ClaimCheckReference reference, Action<byte[]> tamper) =>
        OverwriteAsync(store, reference, bytes =>
        {
            tamper(bytes);
            return bytes;
        }, resize: false);

    /// <summary>Replaces the blob's content behind the store's back, as corruption or an attacker would.</summary>
    private static async Task<byte[]> OverwriteAsync(ClaimCheckStore store, ClaimCheckReference reference, Func<byte[], byte[]> tamper, bool resize)
    {
        var blob = store.Container.GetBlobClient(reference.BlobName);
        var original = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        var tampered = tamper(original);
        Assert.Equal(!resize, tampered.Length == reference.Length);
        await blob.UploadAsync(BinaryData.FromBytes(tampered), new BlobUploadOptions());
        return tampered;
    }
}
