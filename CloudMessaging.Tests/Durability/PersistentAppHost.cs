using System.Net;
using System.Net.Sockets;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Durability;

/// <summary>
/// The AppHost with <c>--Local:Persistent true</c> on a state directory of the test's own (never the repository's
/// <c>.local-state</c>). Disposing it is what Ctrl+C does: the application is stopped and disposed, every resource
/// gets its graceful stop.
/// </summary>
public sealed class PersistentAppHost(string stateDirectory) : AppHostFixture
{
    private static readonly (string Resource, string Endpoint)[] FixedEndpoints =
        [("api", "http"), ("servicebus-emulator", "amqp"), ("servicebus-emulator", "http"), ("redis-garnet", "resp"), ("blobs-azurite", "blob")];

    protected override IEnumerable<string> ExtraArguments => ["Local:Persistent=true", $"Local:StateDirectory={stateDirectory}"];

    // Started twice in one test, while the suite's other AppHosts share the machine.
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(8);

    /// <summary>The loopback ports this run's resources listen on; the next run on the directory may want them back.</summary>
    public IReadOnlyList<int> ListeningPorts() => [.. FixedEndpoints.Select(e => App.GetEndpoint(e.Resource, e.Endpoint).Port)];

    /// <summary>
    /// Waits until a stopped run has let go: its ports can be bound again and the emulator's data directory lock is
    /// free (a second emulator on the directory would refuse to start while the first holds it).
    /// </summary>
    public static Task WaitUntilReleasedAsync(string stateDirectory, IReadOnlyList<int> ports, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            () => ports.All(IsFree) && LockIsFree(Path.Combine(stateDirectory, "servicebus", "emulator.lock")),
            timeout,
            $"ports {string.Join(", ", ports)} and the emulator's data directory to be released",
            TimeSpan.FromMilliseconds(250));

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The emulator holds this file exclusively while it runs (DataDirectory.Claim).
    private static bool LockIsFree(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
