namespace CloudMessaging.Tests.Observability;

/// <summary>Tests that read the apps' exported telemetry share one AppHost exporting to one <see cref="OtlpReceiver"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryAppHostFixture>
{
    public const string Name = "Telemetry";
}
