using System.Runtime.InteropServices;
using Garnet;

// Garnet, Microsoft's Redis-protocol server, embedded so that `dotnet run` needs no Redis install and no Docker.
// Arguments are Garnet's own (e.g. --bind 127.0.0.1 --port 6379); REDIS_PORT from the Aspire AppHost wins.
var arguments = args.ToList();
if (Environment.GetEnvironmentVariable("REDIS_PORT") is { Length: > 0 } port)
{
    arguments.AddRange(["--port", port]);
}

if (!arguments.Contains("--bind"))
{
    arguments.AddRange(["--bind", "127.0.0.1"]);
}

using var server = new GarnetServer([.. arguments]);
server.Start();
Console.WriteLine($"Garnet listening on {string.Join(' ', arguments)}");

var stopped = new TaskCompletionSource();
using var _ = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
await stopped.Task;
