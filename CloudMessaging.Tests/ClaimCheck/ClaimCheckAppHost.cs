using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Tests.ClaimCheck;

/// <summary>Direct access to the AppHost's Azurite and Service Bus, for what the API does not expose.</summary>
public sealed class ClaimCheckAppHost(AppHostFixture fixture) : IAsyncDisposable
{
    /// <summary>Status bodies carry the state as a string, as the API writes it.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private BlobServiceClient? _blobs;
    private ServiceBusClient? _serviceBus;

    /// <summary>An HTTP client on the API with room for uploads of tens of megabytes on a busy machine.</summary>
    public HttpClient CreateApiClient()
    {
        var client = fixture.App.CreateHttpClient("api", "http");
        client.Timeout = TimeSpan.FromMinutes(3);
        return client;
    }

    public async Task<BlobServiceClient> BlobsAsync() =>
        _blobs ??= new BlobServiceClient(await fixture.App.GetConnectionStringAsync(ConnectionNames.Blobs));

    public async Task<ServiceBusClient> ServiceBusAsync() =>
        _serviceBus ??= new ServiceBusClient(await fixture.App.GetConnectionStringAsync(ConnectionNames.ServiceBus));

    /// <summary>A store on the app's own claim-check container (or another one), as the API and workers see it.</summary>
    public async Task<ClaimCheckStore> StoreAsync(Action<ClaimCheckOptions>? configure = null)
    {
        var options = new ClaimCheckOptions();
        configure?.Invoke(options);
        return new ClaimCheckStore(await BlobsAsync(), Options.Create(options), NullLogger<ClaimCheckStore>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        if (_serviceBus is not null)
        {
            await _serviceBus.DisposeAsync();
        }
    }
}
