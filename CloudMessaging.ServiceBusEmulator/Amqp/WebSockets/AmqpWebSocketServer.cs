using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp.WebSockets;

/// <summary>
/// AMQP over plain WebSockets (<c>ws://host:port/$servicebus/websocket/</c>, subprotocol AMQPWSB10), which the .NET
/// SDK uses with <c>ServiceBusTransportType.AmqpWebSockets</c> and <c>UseDevelopmentEmulator=true</c>.
/// </summary>
internal sealed class AmqpWebSocketServer : IAsyncDisposable
{
    public const string Path = "/$servicebus/websocket";
    // Microsoft.Azure.Amqp asks for "amqp", rhea (the JavaScript SDK) for "AMQPWSB10".
    private static readonly string[] SubProtocols = ["amqp", "AMQPWSB10"];

    private readonly WebApplication _app;

    private AmqpWebSocketServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<AmqpWebSocketServer> StartAsync(string host, int port, AcceptedWebSocketListener listener, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.TryParse(host, out var address) ? address : IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map(Path, async context =>
        {
            var protocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => SubProtocols.Contains(p, StringComparer.OrdinalIgnoreCase));
            if (!context.WebSockets.IsWebSocketRequest || protocol is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync($"A WebSocket upgrade with the subprotocol {string.Join(" or ", SubProtocols)} is expected here.");
                return;
            }

            var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
            await listener.ServeAsync(socket, new Uri($"ws://{context.Request.Host}{Path}/"));
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AmqpWebSocketServer(app, new Uri(bound).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
