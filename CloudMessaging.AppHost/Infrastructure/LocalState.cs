using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CloudMessaging.AppHost.Infrastructure;

/// <summary>
/// <c>--Local:Persistent true</c>: the local stand-ins keep their data under <c>.local-state/</c> beside the AppHost
/// (git-ignored), or under <c>Local:StateDirectory</c> (the restart tests use a temporary one), and their keys stay
/// the same across runs, stored there too (never in the repository), so the apps reconnect to what they left.
/// Deleting the folder resets everything. Without the flag every run starts empty.
/// </summary>
internal sealed class LocalState
{
    private const string KeysFileName = "keys.json";

    private LocalState(string root) => Root = root;

    public string Root { get; }

    /// <summary>Null unless <c>Local:Persistent</c> is true.</summary>
    public static LocalState? From(IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue("Local:Persistent", false)
            ? new LocalState(Path.GetFullPath(builder.Configuration["Local:StateDirectory"] ?? Path.Combine(builder.AppHostDirectory, ".local-state")))
            : null;

    public string DirectoryFor(string name)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The key stored under <paramref name="name"/>, made (random, <paramref name="bytes"/> long) on first use.</summary>
    public string KeyFor(string name, int bytes)
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, KeysFileName);
        var keys = File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [] : [];
        if (!keys.TryGetValue(name, out var key))
        {
            keys[name] = key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
            File.WriteAllText(path, JsonSerializer.Serialize(keys));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return key;
    }

    /// <summary>The stored key when persistent, otherwise a fresh random one for this run.</summary>
    public static string KeyFor(LocalState? state, string name, int bytes) =>
        state?.KeyFor(name, bytes) ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
}
