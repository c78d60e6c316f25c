using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// Evaluates infra/main.bicep offline with `bicep snapshot`, which expands loops, imports and functions into the
/// resources a deployment would create. It runs on a copy laid out like the repository (infra/ next to the
/// AppHost's Config.json) so the snapshot file never lands in the working tree.
/// </summary>
internal static class BicepSnapshot
{
    // Tests that evaluate the same Config.json share one run: each takes bicep tens of seconds on a busy machine.
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonNode>>> Snapshots = new();

    public static async Task<JsonNode> CreateAsync(string configJsonPath)
    {
        var content = await File.ReadAllTextAsync(configJsonPath);
        var snapshot = await Snapshots.GetOrAdd(content, _ => new Lazy<Task<JsonNode>>(() => EvaluateAsync(configJsonPath))).Value;
        return snapshot.DeepClone();
    }

    private static async Task<JsonNode> EvaluateAsync(string configJsonPath)
    {
        var root = Directory.CreateTempSubdirectory("bicep-snapshot-");
        try
        {
            var infra = Path.Combine(root.FullName, "infra");
            CopyDirectory(DeployPaths.Infra, infra);
            var config = Path.Combine(root.FullName, Path.GetRelativePath(DeployPaths.RepositoryRoot, DeployPaths.LocalTopology));
            Directory.CreateDirectory(Path.GetDirectoryName(config)!);
            File.Copy(configJsonPath, config);

            var parameters = Path.Combine(infra, "snapshot.bicepparam");
            await File.WriteAllTextAsync(parameters, "using 'main.bicep'\n\nparam environmentName = 'snapshot'\nparam apiAudience = 'api://cloudmessaging-snapshot'\nparam apiExists = true\nparam workersExists = true\n");

            var result = await ProcessRunner.RunAsync(
                DeployPaths.Bicep,
                ["snapshot", parameters, "--mode", "overwrite",
                 "--subscription-id", "00000000-0000-0000-0000-000000000000",
                 "--resource-group", "rg-snapshot", "--location", "westeurope"],
                infra,
                TimeSpan.FromMinutes(3));
            Assert.True(result.ExitCode == 0, result.ToString());

            var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(infra, "snapshot.snapshot.json")))!;
            Assert.Empty(snapshot["diagnostics"]?.AsArray() ?? []);
            return snapshot;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
