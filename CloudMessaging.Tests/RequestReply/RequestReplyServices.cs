using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.RequestReply;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudMessaging.Tests.RequestReply;

/// <summary>
/// Direct clients of the AppHost's Garnet and Service Bus emulator, for what HTTP does not show: the trace id a
/// worker received, a worker that died holding a job, a message that sits queued.
/// </summary>
public sealed class RequestReplyServices : IAsyncDisposable
{
    private RequestReplyServices(IConnectionMultiplexer redis, ServiceBusClient serviceBus, TimeSpan lease)
    {
        Redis = redis;
        ServiceBus = serviceBus;
        Store = new JobStore(redis, Options.Create(new RequestReplyOptions { Lease = lease }), TimeProvider.System);
    }

    public IConnectionMultiplexer Redis { get; }

    public ServiceBusClient ServiceBus { get; }

    /// <summary>A store whose claims hold the given lease (a test plays a worker replica with it).</summary>
    public JobStore Store { get; }

    public static async Task<RequestReplyServices> ConnectAsync(AppHostFixture fixture, TimeSpan? lease = null)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync((await fixture.App.GetConnectionStringAsync(ConnectionNames.Redis))!);
        var serviceBus = new ServiceBusClient((await fixture.App.GetConnectionStringAsync(ConnectionNames.ServiceBus))!);
        return new RequestReplyServices(redis, serviceBus, lease ?? TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await ServiceBus.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
