using System.Diagnostics;

namespace CloudMessaging.ServiceBusEmulator.Telemetry;

/// <summary>
/// The emulator's OpenTelemetry names: one ActivitySource and one Meter, both called <see cref="Name"/>. A host turns
/// them on by listening to that name (docs/emulator-telemetry.md); nobody listening costs a flag check per event.
/// </summary>
public static class EmulatorTelemetry
{
    public const string Name = "CloudMessaging.ServiceBusEmulator";

    internal static readonly ActivitySource Source = new(Name);
}
