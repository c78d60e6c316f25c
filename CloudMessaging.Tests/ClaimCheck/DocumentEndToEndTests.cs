using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs.Models;
using CloudMessaging.Shared;
using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.ClaimCheck.Documents;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>
/// The claim-check pattern through the running AppHost: real HTTP into the API, real Azurite, the real Service
/// Bus emulator over TCP, and the worker replicas.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DocumentEndToEndTests(AppHostFixture fixture) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan ProcessingDeadline = TimeSpan.FromMinutes(2);

    private readonly ClaimCheckAppHost _host = new(fixture);
    private HttpClient _api = null!;

    public Task InitializeAsync()
    {
        _api = _host.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_50_MB_document_round_trips_with_hash_verification_and_its_blob_is_deleted_after()
    {
        const long length = 50L * MiB;
        using var content = new StreamContent(new GeneratedPayloadStream(length));
        content.Headers.ContentType = new("text/plain");

        using var response = await _api.PostAsync("/api/documents?fileName=fifty.txt", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<DocumentStatus>(ClaimCheckAppHost.Json);
        Assert.NotNull(queued);
        Assert.Equal(length, queued.Length);
        Assert.Equal(GeneratedPayloadStream.Sha256Of(length), queued.Sha256);
        Assert.Equal($"/api/documents/{queued.Id}", response.Headers.Location?.OriginalString);

        var done = await WaitForFinalStateAsync(queued.Id);

        Assert.Equal(DocumentState.Succeeded, done.State);
        Assert.Equal("fifty.txt", done.FileName);
        Assert.Equal("text/plain", done.ContentType);
        var expected = ExpectedAnalysis(length);
        Assert.Equal(expected, done.Result);
        Assert.False(string.IsNullOrEmpty(done.HandledBy));

        var blob = (await _host.StoreAsync()).Container.GetBlobClient(done.BlobName);
        await Eventually.HoldsAsync(async () => !(await blob.ExistsAsync()).Value, TimeSpan.FromSeconds(30), "the worker to delete the blob after completing the message");
        using var payload = await _api.GetAsync($"/api/documents/{queued.Id}/payload");
        Assert.Equal(HttpStatusCode.NotFound, payload.StatusCode);
    }

    [Theory]
    [InlineData(1024, "inline")]
    [InlineData(MiB, "claim-check")]
    public async Task A_note_reaches_its_handler_with_an_identical_body_inline_or_offloaded(int textLength, string travelledBy)
    {
        var text = new string('n', textLength - 1) + "\n";
        var title = $"note-{Guid.NewGuid():N}";

        using var response = await _api.PostAsJsonAsync("/api/documents/notes", new { title, text });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<NoteAcceptedBody>();
        Assert.NotNull(accepted);
        Assert.Equal(travelledBy, accepted.TravelledBy);

        var receipt = await Eventually.ReturnsAsync(
            async () =>
            {
                using var poll = await _api.GetAsync(response.Headers.Location);
                return poll.StatusCode == HttpStatusCode.OK ? await poll.Content.ReadFromJsonAsync<NoteReceipt>() : null;
            },
            ProcessingDeadline,
            "a worker to handle the note");

        Assert.Equal(travelledBy, receipt.TravelledBy);
        Assert.Equal(accepted.BodyLength, receipt.BodyLength);
        Assert.Equal(accepted.BodySha256, receipt.BodySha256);
        Assert.Equal(title, receipt.Title);
        Assert.Equal(textLength, receipt.TextLength);
    }

    [Fact]
    public async Task A_tampered_blob_dead_letters_its_message_with_the_reason_and_is_kept()
    {
        var store = await _host.StoreAsync();
        var reference = await store.UploadAsync(new GeneratedPayloadStream(MiB), "application/octet-stream", "tampered.bin");

        // Same length, different bytes: only the hash can tell.
        var forged = GeneratedPayloadStream.BytesOf(MiB, seed: 42);
        await store.Container.GetBlobClient(reference.BlobName).UploadAsync(BinaryData.FromBytes(forged), overwrite: true);

        var id = await SendDocumentMessageAsync(reference);
        var failed = await WaitForFinalStateAsync(id);

        Assert.Equal(DocumentState.Failed, failed.State);
        Assert.Equal("ClaimCheckHashMismatch", failed.FailureReason);
        var deadLettered = await PeekDeadLetteredAsync(id);
        Assert.Equal("ClaimCheckHashMismatch", deadLettered.DeadLetterReason);
        Assert.Contains(reference.Sha256, deadLettered.DeadLetterErrorDescription);
        Assert.True(await store.ExistsAsync(reference));
    }

    [Fact]
    public async Task A_missing_blob_dead_letters_its_message_with_the_reason()
    {
        var store = await _host.StoreAsync();
        var reference = new ClaimCheckReference(store.Container.Name, $"never-uploaded-{Guid.NewGuid():N}", 10, new string('0', 64), null);

        var id = await SendDocumentMessageAsync(reference);
        var failed = await WaitForFinalStateAsync(id);

        Assert.Equal("ClaimCheckBlobMissing", failed.FailureReason);
        Assert.Equal("ClaimCheckBlobMissing", (await PeekDeadLetteredAsync(id)).DeadLetterReason);
    }

    [Fact]
    public async Task An_empty_body_is_refused_with_400_naming_the_body()
    {
        using var response = await _api.PostAsync("/api/documents", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"body\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_declared_length_over_the_maximum_is_refused_with_413_before_reading_the_body()
    {
        // Raw HTTP: the client announces 1 GiB + 1 and sends nothing, so only an answer given before reading can arrive.
        using var socket = new TcpClient();
        await socket.ConnectAsync(_api.BaseAddress!.Host, _api.BaseAddress.Port);
        var network = socket.GetStream();
        await network.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nContent-Length: {(1L << 30) + 1}\r\n\r\n"));

        using var reader = new StreamReader(network, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413", statusLine);
    }

    [Fact]
    public async Task An_upload_aborted_by_the_client_leaves_no_blob_and_sends_no_message()
    {
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        var fileName = $"aborted-{Guid.NewGuid():N}.bin";
        var store = await _host.StoreAsync();
        var namesBefore = await ClaimCheckTestContext.StagedOrCommittedBlobNamesAsync(store);
        string staged;

        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(_api.BaseAddress!.Host, _api.BaseAddress.Port);
            var network = socket.GetStream();
            await network.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /api/documents?fileName={fileName} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"));
            var chunk = GeneratedPayloadStream.BytesOf(MiB);
            for (var i = 0; i < 10; i++)
            {
                await network.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
                await network.WriteAsync(chunk);
                await network.WriteAsync("\r\n"u8.ToArray());
            }

            // The client vanishes only once the API has staged blocks of the upload, so there is something to leave behind.
            staged = await Eventually.ReturnsAsync(
                async () => (await ClaimCheckTestContext.StagedOrCommittedBlobNamesAsync(store)).Except(namesBefore).FirstOrDefault(),
                TimeSpan.FromSeconds(60),
                "the API to stage the first blocks of the upload");

            // Reset, not close: the API sees the connection vanish mid-body, as with a crashed client.
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }

        // Deleting the staged blocks is the last thing the abandoned upload does, so from then on nothing can follow.
        await Eventually.HoldsAsync(
            async () => !(await ClaimCheckTestContext.StagedOrCommittedBlobNamesAsync(store)).Contains(staged),
            TimeSpan.FromSeconds(60),
            "the API to delete the staged blocks of the abandoned upload");

        var createdSince = new List<string>();
        await foreach (var blob in store.Container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, CancellationToken.None))
        {
            if (blob.Properties.CreatedOn >= startedAt)
            {
                createdSince.Add(blob.Name);
            }
        }

        Assert.Empty(createdSince);
        Assert.DoesNotContain(await PeekReferencesAsync(EntityNames.DocumentsQueue), r => r.FileName == fileName);
    }

    [Fact]
    public async Task The_sweeper_peeking_the_real_queues_removes_an_orphan_and_leaves_a_live_one()
    {
        // A container of its own, so this sweep cannot touch the blobs of other tests.
        var retention = TimeSpan.FromHours(1);
        var options = new ClaimCheckOptions
        {
            ContainerName = $"sweep-{Guid.NewGuid():N}",
            Retention = retention,
            SweepEntities = [EntityNames.DocumentsQueue, EntityNames.DocumentNotesQueue],
        };
        var store = await _host.StoreAsync(o =>
        {
            o.ContainerName = options.ContainerName;
            o.Retention = options.Retention;
            o.SweepEntities = options.SweepEntities;
        });
        var orphan = await store.UploadAsync(new GeneratedPayloadStream(4096));
        var live = await store.UploadAsync(new GeneratedPayloadStream(4096));

        // The live blob's message is scheduled an hour ahead: pending, peekable, and out of the workers' reach.
        var serviceBus = await _host.ServiceBusAsync();
        await using var sender = serviceBus.CreateSender(EntityNames.DocumentsQueue);
        var sequenceNumber = await sender.ScheduleMessageAsync(ClaimCheckMessageProperties.CreateMessage(live), DateTimeOffset.UtcNow.AddHours(1));
        try
        {
            var sweeper = new ClaimCheckSweeper(
                store,
                new ServiceBusPendingClaimChecks(serviceBus, Microsoft.Extensions.Options.Options.Create(options)),
                Microsoft.Extensions.Options.Options.Create(options),
                new ShiftedTimeProvider(retention * 2),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<ClaimCheckSweeper>.Instance);

            var result = await sweeper.SweepOnceAsync();

            Assert.Equal(new ClaimCheckSweepResult(Examined: 2, Expired: 2, Referenced: 1, Deleted: 1), result);
            Assert.False(await store.ExistsAsync(orphan));
            Assert.True(await store.ExistsAsync(live));
        }
        finally
        {
            await sender.CancelScheduledMessageAsync(sequenceNumber);
            await store.Container.DeleteIfExistsAsync();
        }
    }

    private async Task<string> SendDocumentMessageAsync(ClaimCheckReference reference)
    {
        var id = Guid.NewGuid().ToString("N");
        var message = ClaimCheckMessageProperties.CreateMessage(reference);
        message.MessageId = id;
        message.ApplicationProperties[DocumentMessages.DocumentId] = id;
        await using var sender = (await _host.ServiceBusAsync()).CreateSender(EntityNames.DocumentsQueue);
        await sender.SendMessageAsync(message);
        return id;
    }

    private Task<DocumentStatus> WaitForFinalStateAsync(string id) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var poll = await _api.GetAsync($"/api/documents/{id}");
                var status = poll.StatusCode == HttpStatusCode.OK ? await poll.Content.ReadFromJsonAsync<DocumentStatus>(ClaimCheckAppHost.Json) : null;
                return status?.State is DocumentState.Succeeded or DocumentState.Failed ? status : null;
            },
            ProcessingDeadline,
            $"document {id} to be processed",
            TimeSpan.FromMilliseconds(250));

    private async Task<ServiceBusReceivedMessage> PeekDeadLetteredAsync(string messageId)
    {
        await using var receiver = (await _host.ServiceBusAsync()).CreateReceiver(
            EntityNames.DocumentsQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        return await Eventually.ReturnsAsync(
            async () =>
            {
                // From the first message each time: the dead-letter queue is shared with other tests.
                long fromSequenceNumber = 0;
                while (true)
                {
                    var batch = await receiver.PeekMessagesAsync(250, fromSequenceNumber);
                    if (batch.Count == 0)
                    {
                        return null;
                    }

                    if (batch.FirstOrDefault(m => m.MessageId == messageId) is { } found)
                    {
                        return found;
                    }

                    fromSequenceNumber = batch[^1].SequenceNumber + 1;
                }
            },
            TimeSpan.FromSeconds(30),
            $"message {messageId} in the dead-letter queue");
    }

    private async Task<List<ClaimCheckReference>> PeekReferencesAsync(string queue)
    {
        var references = new List<ClaimCheckReference>();
        foreach (var subQueue in new[] { SubQueue.None, SubQueue.DeadLetter })
        {
            await using var receiver = (await _host.ServiceBusAsync()).CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = subQueue });
            long fromSequenceNumber = 0;
            IReadOnlyList<ServiceBusReceivedMessage> batch;
            while ((batch = await receiver.PeekMessagesAsync(250, fromSequenceNumber)).Count > 0)
            {
                references.AddRange(batch.Select(m => m.GetClaimCheckReference()).OfType<ClaimCheckReference>());
                fromSequenceNumber = batch[^1].SequenceNumber + 1;
            }
        }

        return references;
    }

    /// <summary>What the worker should find in <see cref="GeneratedPayloadStream"/> bytes, counted independently.</summary>
    private static DocumentAnalysis ExpectedAnalysis(long length)
    {
        using var stream = new GeneratedPayloadStream(length);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[MiB];
        long lines = 0, words = 0;
        var inWord = false;
        byte last = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                lines += b == '\n' ? 1 : 0;
                var wordByte = b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r');
                words += wordByte && !inWord ? 1 : 0;
                inWord = wordByte;
            }

            last = buffer[read - 1];
        }

        return new DocumentAnalysis(length, last == '\n' ? lines : lines + 1, words, Convert.ToHexStringLower(sha.GetCurrentHash()));
    }

    private sealed record NoteAcceptedBody(string Id, string TravelledBy, long BodyLength, string BodySha256);

    /// <summary>The real clock moved forward, so blobs just written look past their retention.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
