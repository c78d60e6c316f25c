using Azure.Storage.Blobs;
using CloudMessaging.Shared.ClaimCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Tests.ClaimCheck;

public sealed class ClaimCheckRegistrationTests
{
    [Fact]
    public void Options_are_bound_from_the_ClaimCheck_section()
    {
        using var provider = BuildProvider(new Dictionary<string, string?>
        {
            ["ClaimCheck:ContainerName"] = "payloads",
            ["ClaimCheck:InlineThresholdBytes"] = "65536",
            ["ClaimCheck:MaxUploadBytes"] = "104857600",
            ["ClaimCheck:Retention"] = "02:00:00",
            ["ClaimCheck:SweepEntities:0"] = "documents",
            ["ClaimCheck:SweepEntities:1"] = "orders/subscriptions/analytics",
        });

        var options = provider.GetRequiredService<IOptions<ClaimCheckOptions>>().Value;

        Assert.Equal("payloads", options.ContainerName);
        Assert.Equal(65536, options.InlineThresholdBytes);
        Assert.Equal(100L * 1024 * 1024, options.MaxUploadBytes);
        Assert.Equal(TimeSpan.FromHours(2), options.Retention);
        Assert.Equal(["documents", "orders/subscriptions/analytics"], options.SweepEntities);
        Assert.Equal("payloads", provider.GetRequiredService<ClaimCheckStore>().Container.Name);
        Assert.NotNull(provider.GetRequiredService<ClaimCheckOffloader>());
        Assert.NotNull(provider.GetRequiredService<ClaimCheckResolver>());
    }

    [Fact]
    public void Defaults_match_the_issue()
    {
        using var provider = BuildProvider([]);

        var options = provider.GetRequiredService<IOptions<ClaimCheckOptions>>().Value;

        Assert.Equal("claim-checks", options.ContainerName);
        Assert.Equal(192 * 1024, options.InlineThresholdBytes);
        Assert.Equal(1L << 30, options.MaxUploadBytes);
    }

    [Fact]
    public void Invalid_settings_are_rejected_naming_each_field()
    {
        using var provider = BuildProvider(new Dictionary<string, string?>
        {
            ["ClaimCheck:ContainerName"] = "Claim_Checks",
            ["ClaimCheck:InlineThresholdBytes"] = "300000",
            ["ClaimCheck:UploadBlockSizeBytes"] = "1024",
            ["ClaimCheck:Retention"] = "00:00:00",
            ["ClaimCheck:SweepEntities:0"] = "orders/analytics",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClaimCheckOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("ClaimCheck:ContainerName", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ClaimCheck:InlineThresholdBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ClaimCheck:UploadBlockSizeBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ClaimCheck:Retention", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ClaimCheck:SweepEntities:0", StringComparison.Ordinal));
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();

        // Stands for the shared client registration; no request is made through it here.
        builder.Services.AddSingleton(new BlobServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1")));
        builder.AddClaimCheckShared();
        return builder.Services.BuildServiceProvider();
    }
}
