using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.ClaimCheck;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Tests.ClaimCheck;

[Collection(AzuriteCollection.Name)]
public sealed class AutomaticClaimCheckTests(AzuriteFixture azurite)
{
    private const int Threshold = 192 * 1024;

    private readonly ClaimCheckTestContext _context = new(azurite);

    [Fact]
    public async Task A_1_KB_message_stays_inline_and_the_handler_sees_it_unchanged()
    {
        var (store, offloader, resolver) = NewParts();
        var body = GeneratedPayloadStream.BytesOf(1024);
        var message = NewMessage(body);
        var sender = new CapturingSender();

        var reference = await sender.WithClaimCheck(offloader).SendMessageAsync(message);

        Assert.Null(reference);
        var sent = Assert.Single(sender.Sent);
        Assert.Same(message, sent);
        Assert.False(sent.ApplicationProperties.ContainsKey(ClaimCheckMessageProperties.BlobName));

        var received = CapturingSender.AsReceived(sent);
        Assert.False(received.IsClaimCheck());
        var resolved = await resolver.ResolveAsync(received);
        Assert.False(resolved.WasClaimChecked);
        Assert.Equal(body, resolved.Body.ToArray());
        Assert.Equal("application/json", resolved.ContentType);
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
    }

    [Fact]
    public async Task A_1_MB_message_is_offloaded_and_the_handler_sees_the_identical_body()
    {
        var (store, offloader, resolver) = NewParts();
        var body = GeneratedPayloadStream.BytesOf(1024 * 1024);
        var message = NewMessage(body);
        var sender = new CapturingSender();

        var reference = await sender.WithClaimCheck(offloader).SendMessageAsync(message);

        Assert.NotNull(reference);
        var sent = Assert.Single(sender.Sent);
        Assert.NotSame(message, sent);
        Assert.True(sent.Body.ToMemory().Length < 1024, $"the reference body is {sent.Body.ToMemory().Length} bytes");
        Assert.Equal(ClaimCheckReference.MediaType, sent.ContentType);
        Assert.Equal(reference.BlobName, sent.ApplicationProperties[ClaimCheckMessageProperties.BlobName]);
        Assert.Equal("application/json", sent.ApplicationProperties[ClaimCheckMessageProperties.OriginalContentType]);
        Assert.Equal("order-42", sent.MessageId);
        Assert.Equal("corr-7", sent.CorrelationId);
        Assert.Equal("OrderPlaced", sent.Subject);
        Assert.Equal(TimeSpan.FromMinutes(30), sent.TimeToLive);
        Assert.Equal("contoso", sent.ApplicationProperties["tenant"]);

        // The caller's message is untouched, so retrying it offloads afresh.
        Assert.Equal(body, message.Body.ToArray());
        Assert.False(message.ApplicationProperties.ContainsKey(ClaimCheckMessageProperties.BlobName));

        var received = CapturingSender.AsReceived(sent);
        Assert.True(received.IsClaimCheck());
        Assert.Equal("application/json", received.GetOriginalContentType());
        var resolved = await resolver.ResolveAsync(received);
        Assert.True(resolved.WasClaimChecked);
        Assert.Equal(body, resolved.Body.ToArray());
        Assert.Equal("application/json", resolved.ContentType);

        await resolver.DeleteClaimAsync(resolved);
        Assert.False(await store.ExistsAsync(reference));
    }

    [Theory]
    [InlineData(Threshold, false)]
    [InlineData(Threshold + 1, true)]
    public async Task The_threshold_is_inclusive(int bodyLength, bool offloaded)
    {
        var (_, offloader, resolver) = NewParts();
        var body = GeneratedPayloadStream.BytesOf(bodyLength);

        var prepared = await offloader.OffloadIfLargeAsync(NewMessage(body));

        Assert.Equal(offloaded, prepared.IsOffloaded);
        Assert.Equal(body, (await resolver.ResolveAsync(CapturingSender.AsReceived(prepared.Message))).Body.ToArray());
    }

    [Fact]
    public async Task A_message_without_content_type_comes_back_without_one()
    {
        var (_, offloader, resolver) = NewParts();
        var message = new ServiceBusMessage(GeneratedPayloadStream.BytesOf(300 * 1024));

        var prepared = await offloader.OffloadIfLargeAsync(message);
        var resolved = await resolver.ResolveAsync(CapturingSender.AsReceived(prepared.Message));

        Assert.True(resolved.WasClaimChecked);
        Assert.Null(resolved.ContentType);
    }

    [Fact]
    public async Task When_the_send_fails_the_offloaded_blob_is_deleted_again()
    {
        var (store, offloader, _) = NewParts();
        var sender = new CapturingSender(new ServiceBusException("connection lost", ServiceBusFailureReason.ServiceCommunicationProblem));

        await Assert.ThrowsAsync<ServiceBusException>(
            () => sender.WithClaimCheck(offloader).SendMessageAsync(NewMessage(GeneratedPayloadStream.BytesOf(512 * 1024))));

        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
    }

    [Fact]
    public async Task A_batch_mixes_inline_and_offloaded_messages_and_a_failed_batch_leaves_no_blobs()
    {
        var (store, offloader, resolver) = NewParts();
        var bodies = new[] { GeneratedPayloadStream.BytesOf(1024, seed: 1), GeneratedPayloadStream.BytesOf(1024 * 1024, seed: 2) };
        var sender = new CapturingSender();

        var references = await sender.WithClaimCheck(offloader).SendMessagesAsync(bodies.Select(NewMessage));

        Assert.Null(references[0]);
        Assert.NotNull(references[1]);
        for (var i = 0; i < bodies.Length; i++)
        {
            Assert.Equal(bodies[i], (await resolver.ResolveAsync(CapturingSender.AsReceived(sender.Sent[i]))).Body.ToArray());
        }

        await store.DeleteAsync(references[1]!);
        var failing = new CapturingSender(new ServiceBusException("quota exceeded", ServiceBusFailureReason.QuotaExceeded));
        await Assert.ThrowsAsync<ServiceBusException>(() => failing.WithClaimCheck(offloader).SendMessagesAsync(bodies.Select(NewMessage)));
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(store));
    }

    [Fact]
    public async Task A_marked_message_whose_body_is_not_a_reference_is_reported_as_invalid()
    {
        var (_, _, resolver) = NewParts();
        var message = new ServiceBusMessage("not json");
        message.ApplicationProperties[ClaimCheckMessageProperties.BlobName] = "abc";

        var error = await Assert.ThrowsAsync<InvalidClaimCheckReferenceException>(
            () => resolver.ResolveAsync(CapturingSender.AsReceived(message)));

        Assert.Equal("ClaimCheckInvalidReference", error.DeadLetterReason);
    }

    [Fact]
    public async Task A_deleted_payload_surfaces_as_blob_not_found_on_resolve()
    {
        var (store, offloader, resolver) = NewParts();
        var prepared = await offloader.OffloadIfLargeAsync(NewMessage(GeneratedPayloadStream.BytesOf(256 * 1024)));
        await store.DeleteAsync(prepared.Reference!);

        await Assert.ThrowsAsync<ClaimCheckBlobNotFoundException>(
            () => resolver.ResolveAsync(CapturingSender.AsReceived(prepared.Message)));
    }

    private (ClaimCheckStore Store, ClaimCheckOffloader Offloader, ClaimCheckResolver Resolver) NewParts()
    {
        var options = ClaimCheckTestContext.NewOptions(o => o.InlineThresholdBytes = Threshold);
        var store = _context.NewStore(options);
        return (store, new ClaimCheckOffloader(store, Options.Create(options)), new ClaimCheckResolver(store));
    }

    private static ServiceBusMessage NewMessage(byte[] body)
    {
        var message = new ServiceBusMessage(body)
        {
            ContentType = "application/json",
            MessageId = "order-42",
            CorrelationId = "corr-7",
            Subject = "OrderPlaced",
            TimeToLive = TimeSpan.FromMinutes(30),
        };
        message.ApplicationProperties["tenant"] = "contoso";
        return message;
    }
}
