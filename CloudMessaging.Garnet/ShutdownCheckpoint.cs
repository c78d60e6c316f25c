using System.Net.Sockets;
using System.Text;

namespace CloudMessaging.Garnet;

/// <summary>
/// On a graceful stop of a persistent Garnet (<c>--aof</c> with <c>--checkpointdir</c>) takes a checkpoint with the
/// RESP <c>SAVE</c> command, so the next start recovers from the checkpoint instead of replaying the whole
/// append-only file, which the checkpoint lets Garnet truncate. A kill skips this; the AOF covers that.
/// </summary>
internal static class ShutdownCheckpoint
{
    public static bool AppliesTo(IReadOnlyList<string> arguments) => arguments.Contains("--aof") && arguments.Contains("--checkpointdir");

    /// <returns>Garnet's answer to SAVE (<c>+OK</c>), or the error that prevented it.</returns>
    public static async Task<string> TakeAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var host = ValueOf(arguments, "--bind") ?? "127.0.0.1";
        var port = int.Parse(ValueOf(arguments, "--port") ?? "6379", System.Globalization.CultureInfo.InvariantCulture);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancel.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("*1\r\n$4\r\nSAVE\r\n"u8.ToArray(), cancel.Token);
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer, cancel.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return "no checkpoint: " + ex.Message;
        }
    }

    // The last occurrence wins, as Garnet's own parser takes it.
    private static string? ValueOf(IReadOnlyList<string> arguments, string name)
    {
        for (var i = arguments.Count - 2; i >= 0; i--)
        {
            if (arguments[i] == name)
            {
                return arguments[i + 1];
            }
        }

        return null;
    }
}
