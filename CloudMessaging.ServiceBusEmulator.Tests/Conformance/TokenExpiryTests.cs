using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Time.Testing;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>
/// A put-token grant lasts until the token's signed expiry (se), whatever 'expiration' the client claims; a link whose
/// grant lapses without a new token is detached with amqp:unauthorized-access. The emulator runs on a fake clock.
/// </summary>
public sealed class TokenExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ServiceBusEmulator? _emulator;

    private ServiceBusEmulator Emulator => _emulator!;

    public async Task InitializeAsync() =>
        _emulator = await ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            TimeProvider = _time,
            Topology = new() { Queues = [new() { Name = "orders" }] },
        });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    [Fact]
    public async Task A_link_is_detached_with_unauthorized_access_once_the_signed_expiry_passes_whatever_expiration_was_claimed()
    {
        await using var client = await RawAmqpClient.ConnectAsync(Emulator.Port);
        Assert.Equal(200, await client.PutTokenAsync("orders", _time.GetUtcNow().AddMinutes(5), _time.GetUtcNow().UtcDateTime.AddDays(1)));
        var link = await client.OpenReceiverAsync("orders");
        var closed = ClosedAsync(link);

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var error = await closed.WaitAsync(Wait);
        Assert.Equal(AmqpErrorCode.UnauthorizedAccess, error?.Condition);
    }

    [Fact]
    public async Task A_new_token_put_before_expiry_keeps_the_link_attached_until_the_new_expiry()
    {
        await using var client = await RawAmqpClient.ConnectAsync(Emulator.Port);
        var start = _time.GetUtcNow();
        Assert.Equal(200, await client.PutTokenAsync("orders", start.AddMinutes(5), start.UtcDateTime.AddMinutes(5)));
        var link = await client.OpenReceiverAsync("orders");
        var closed = ClosedAsync(link);

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(200, await client.PutTokenAsync("orders", start.AddMinutes(10), start.UtcDateTime.AddMinutes(10)));
        _time.Advance(TimeSpan.FromMinutes(2));
        var openPastFirstExpiry = link.State == AmqpObjectState.Opened && !closed.IsCompleted;
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(openPastFirstExpiry);
        Assert.Equal(AmqpErrorCode.UnauthorizedAccess, (await closed.WaitAsync(Wait))?.Condition);
    }

    [Fact]
    public async Task Attaching_after_the_signed_expiry_is_refused_with_unauthorized_access()
    {
        await using var client = await RawAmqpClient.ConnectAsync(Emulator.Port);
        Assert.Equal(200, await client.PutTokenAsync("orders", _time.GetUtcNow().AddMinutes(5), _time.GetUtcNow().UtcDateTime.AddDays(1)));

        _time.Advance(TimeSpan.FromMinutes(6));

        var refused = await Assert.ThrowsAnyAsync<AmqpException>(() => client.OpenReceiverAsync("orders"));
        Assert.Equal(AmqpErrorCode.UnauthorizedAccess, refused.Error.Condition);
    }

    // Completes with the error the emulator detached the link with.
    private static Task<Microsoft.Azure.Amqp.Framing.Error?> ClosedAsync(AmqpLink link)
    {
        var closed = new TaskCompletionSource<Microsoft.Azure.Amqp.Framing.Error?>(TaskCreationOptions.RunContinuationsAsynchronously);
        link.SafeAddClosed((_, _) => closed.TrySetResult((link.TerminalException as AmqpException)?.Error));
        return closed.Task;
    }
}
