using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using CloudMessaging.Shared.ClaimCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>
/// The store fed by a real Kestrel request body over real HTTP: how an upload endpoint is meant to call it, and
/// what a dropped connection does to it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestBodyUploadTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ClaimCheckStore _store = new ClaimCheckTestContext(azurite).NewStore(o => o.MaxUploadBytes = 20 * MiB);
    private readonly TaskCompletionSource<Exception?> _serverOutcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/upload", (Delegate)UploadAsync);
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_chunked_request_body_of_unknown_length_is_streamed_into_a_verified_blob()
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        using var content = new StreamContent(new GeneratedPayloadStream(15L * MiB));
        content.Headers.ContentType = new("application/pdf");

        using var response = await client.PostAsync("/upload", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.RequestMessage!.Content!.Headers.ContentLength);
        var reference = await response.Content.ReadFromJsonAsync<ClaimCheckReference>();
        Assert.NotNull(reference);
        Assert.Equal(15L * MiB, reference.Length);
        Assert.Equal(GeneratedPayloadStream.Sha256Of(15L * MiB), reference.Sha256);
        Assert.Equal("application/pdf", reference.ContentType);
        Assert.True(await _store.ConsumeAsync(reference, async (stream, ct) =>
        {
            await stream.CopyToAsync(Stream.Null, ct);
            return true;
        }));
    }

    [Fact]
    public async Task A_declared_length_over_the_maximum_gets_413_without_a_blob()
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        using var content = new StreamContent(new GeneratedPayloadStream(21L * MiB));
        content.Headers.ContentLength = 21L * MiB;

        using var response = await client.PostAsync("/upload", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(_store));
    }

    [Fact]
    public async Task A_chunked_body_that_grows_over_the_maximum_gets_413_without_a_blob()
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        using var content = new StreamContent(new GeneratedPayloadStream(30L * MiB));

        using var response = await client.PostAsync("/upload", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.IsType<ClaimCheckTooLargeException>(await _serverOutcome.Task.WaitAsync(Deadline));
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(_store));
    }

    [Fact]
    public async Task A_client_that_drops_the_connection_mid_upload_leaves_no_blob()
    {
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(_baseAddress.Host, _baseAddress.Port);
            var network = socket.GetStream();
            await network.WriteAsync(Encoding.ASCII.GetBytes(
                "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"));

            var chunk = GeneratedPayloadStream.BytesOf(MiB);
            for (var i = 0; i < 10; i++)
            {
                await network.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
                await network.WriteAsync(chunk);
                await network.WriteAsync("\r\n"u8.ToArray());
            }

            // Reset rather than close: the server sees the connection vanish mid-body, as with a crashed client.
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }

        var failure = await _serverOutcome.Task.WaitAsync(Deadline);

        // Kestrel reports the reset as ConnectionResetException (an IOException), or as cancellation when
        // RequestAborted fires first.
        Assert.True(failure is IOException or OperationCanceledException, $"unexpected {failure}");
        Assert.Empty(await ClaimCheckTestContext.CommittedBlobNamesAsync(_store));
    }

    /// <summary>The endpoint as an upload API would write it.</summary>
    private async Task<IResult> UploadAsync(HttpContext context)
    {
        // The store enforces the limit while streaming, for bodies of unknown length too; Kestrel's own 30 MB
        // default would otherwise cut in first with an error of its own.
        context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>().MaxRequestBodySize = null;
        try
        {
            _store.ThrowIfDeclaredTooLarge(context.Request.ContentLength);
            var reference = await _store.UploadAsync(context.Request.Body, context.Request.ContentType, fileName: null, context.RequestAborted);
            _serverOutcome.TrySetResult(null);
            return Results.Json(reference);
        }
        catch (ClaimCheckTooLargeException ex)
        {
            _serverOutcome.TrySetResult(ex);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception ex)
        {
            _serverOutcome.TrySetResult(ex);
            throw;
        }
    }
}
