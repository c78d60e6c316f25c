using Aspire.Hosting.ApplicationModel;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMessaging.Tests.Foundation;

/// <summary>
/// The emulator resource is one Aspire gives the dashboard's OTLP endpoint, as it does the apps (the export itself
/// is tested against the process: CloudMessaging.ServiceBusEmulator.Tests, OtlpExportTests).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class EmulatorTelemetryWiringTests(AppHostFixture fixture)
{
    [Fact]
    public void The_emulator_resource_exports_to_the_dashboard_like_the_apps()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var resources = model.Resources.Where(r => r.Name is "servicebus-emulator" or "api" or "workers").ToList();

        Assert.Equal(3, resources.Count);
        Assert.All(resources, r => Assert.Single(r.Annotations.OfType<OtlpExporterAnnotation>()));
    }
}
