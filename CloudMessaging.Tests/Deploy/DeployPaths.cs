using System.Reflection;

namespace CloudMessaging.Tests.Deploy;

/// <summary>Where the deployment files and the bicep CLI are; both paths are written into the assembly at build time.</summary>
internal static class DeployPaths
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Infra { get; } = Path.Combine(RepositoryRoot, "infra");

    public static string AzureYaml { get; } = Path.Combine(RepositoryRoot, "azure.yaml");

    public static string AzureYamlSchema { get; } = Path.Combine(Infra, "schemas", "azure.yaml.schema.json");

    public static string LocalTopology { get; } = Path.Combine(RepositoryRoot, "CloudMessaging.AppHost", "servicebus", "Config.json");

    /// <summary>The bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64), never a machine-wide install.</summary>
    public static string Bicep { get; } = Metadata("BicepPath").Replace('\\', Path.DirectorySeparatorChar);

    public static IEnumerable<string> BicepFiles() =>
        Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string Metadata(string key) =>
        typeof(DeployPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test assembly carries no '{key}' metadata: see CloudMessaging.Tests.csproj.");
}
