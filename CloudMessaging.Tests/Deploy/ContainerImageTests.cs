using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// azd builds each service with `dotnet publish /t:PublishContainer`. A full image needs the base image from
/// mcr.microsoft.com, which this machine cannot reach (and a tarball built here would prove nothing more about
/// our projects), so the tests run the SDK's container configuration step, which is where a project without a
/// port, with a bad repository name or an unknown base image fails.
/// </summary>
public sealed class ContainerImageTests
{
    public static TheoryData<string> Services() => new() { "CloudMessaging.Api", "CloudMessaging.Workers" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_sdk_computes_a_container_image_exposing_port_8080(string service)
    {
        var project = Path.Combine(DeployPaths.RepositoryRoot, service, $"{service}.csproj");
        var result = await ProcessRunner.RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            ["msbuild", project, "-restore", "-t:ComputeContainerConfig", "-nologo",
             "-getProperty:ContainerBaseImage", "-getProperty:ContainerRepository", "-getProperty:UserSecretsId", "-getProperty:UsingMicrosoftNETSdkWeb",
             "-getItem:ContainerPort"],
            DeployPaths.RepositoryRoot,
            TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, result.ToString());

        var output = JsonNode.Parse(result.StandardOutput[result.StandardOutput.IndexOf('{')..])!;
        var properties = output["Properties"]!;
        Assert.StartsWith("mcr.microsoft.com/dotnet/", (string?)properties["ContainerBaseImage"]);
        Assert.EndsWith(":10.0", (string?)properties["ContainerBaseImage"]);
        Assert.Equal(service.ToLowerInvariant().Replace('.', '-'), (string?)properties["ContainerRepository"]);
        // azd runs `dotnet user-secrets init` on a project without one, editing the csproj on every fresh clone.
        Assert.False(string.IsNullOrEmpty((string?)properties["UserSecretsId"]), $"{service} has no UserSecretsId");
        // azd refuses a container app service whose image exposes no port. A web project's image exposes the
        // ASP.NET base image's ASPNETCORE_HTTP_PORTS (8080); any other project must declare the port itself.
        var declaresPort = output["Items"]!["ContainerPort"]!.AsArray()
            .Any(port => (string?)port!["Identity"] == "8080" && (string?)port["Type"] is null or "tcp");
        var webProjectOnAspNetImage = (string?)properties["UsingMicrosoftNETSdkWeb"] == "true"
            && ((string)properties["ContainerBaseImage"]!).StartsWith("mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal);
        Assert.True(declaresPort || webProjectOnAspNetImage, $"{service} exposes no port 8080 in its container image");
    }
}
