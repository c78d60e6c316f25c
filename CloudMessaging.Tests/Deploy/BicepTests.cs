using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// Every Bicep file compiles and lints without a single diagnostic. The CLI exits 0 on warnings, and a misspelt
/// property or enum value is only a warning, so the tests read the SARIF log instead of trusting the exit code.
/// </summary>
public sealed class BicepTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static TheoryData<string> BicepFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in DeployPaths.BicepFiles())
        {
            files.Add(Path.GetRelativePath(DeployPaths.RepositoryRoot, file));
        }

        return files;
    }

    [Fact]
    public void The_infrastructure_has_bicep_files_and_a_bicep_config()
    {
        Assert.Contains(Path.Combine(DeployPaths.Infra, "main.bicep"), DeployPaths.BicepFiles());
        Assert.True(File.Exists(Path.Combine(DeployPaths.Infra, "bicepconfig.json")), "infra/bicepconfig.json configures the linter");
        Assert.True(File.Exists(DeployPaths.Bicep), $"bicep CLI not found at {DeployPaths.Bicep}");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Builds_without_diagnostics(string file)
    {
        var result = await RunBicepAsync("build", file, "--stdout");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(SarifResults(result.StandardError));
        Assert.NotNull(JsonNode.Parse(result.StandardOutput)?["resources"]);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lints_without_diagnostics(string file)
    {
        var result = await RunBicepAsync("lint", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(SarifResults(result.StandardOutput + result.StandardError));
    }

    [Fact]
    public async Task A_misspelt_property_is_reported_even_though_bicep_exits_zero()
    {
        // Proves the SARIF check above catches what the exit code hides.
        var directory = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Path.Combine(DeployPaths.Infra, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var file = Path.Combine(directory.FullName, "typo.bicep");
            await File.WriteAllTextAsync(file, """
                resource sb 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
                  name: 'sb-typo'
                  location: resourceGroup().location
                  properties: { disableLocalAuthentication: true }
                }
                """);

            var result = await ProcessRunner.RunAsync(DeployPaths.Bicep, ["lint", file, "--diagnostics-format", "sarif"], directory.FullName, Timeout);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains(SarifResults(result.StandardOutput + result.StandardError), message => message.Contains("disableLocalAuthentication"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Task<ProcessResult> RunBicepAsync(string command, string file, params string[] extra) =>
        ProcessRunner.RunAsync(
            DeployPaths.Bicep,
            [command, Path.Combine(DeployPaths.RepositoryRoot, file), "--diagnostics-format", "sarif", .. extra],
            DeployPaths.RepositoryRoot,
            Timeout);

    /// <summary>The messages of every result in the SARIF log(s) bicep printed; a log without results prints nothing or empty runs.</summary>
    private static List<string> SarifResults(string output)
    {
        var messages = new List<string>();
        var start = output.IndexOf('{');
        if (start < 0)
        {
            Assert.True(string.IsNullOrWhiteSpace(output), $"bicep printed something that is not SARIF:\n{output}");
            return messages;
        }

        var sarif = JsonNode.Parse(output[start..])!;
        foreach (var run in sarif["runs"]!.AsArray())
        {
            foreach (var result in run!["results"]?.AsArray() ?? [])
            {
                var location = result!["locations"]?[0]?["physicalLocation"];
                messages.Add($"{result["ruleId"]} {result["level"]} {location?["artifactLocation"]?["uri"]}:{location?["region"]?["startLine"]}: {result["message"]?["text"]}");
            }
        }

        return messages;
    }
}
