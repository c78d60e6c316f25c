namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>One problem in a Config.json: where it is (a JSON path such as <c>$.UserConfig.Namespaces[0]</c>) and what.</summary>
public sealed record EmulatorConfigError(string JsonPath, string Problem)
{
    public override string ToString() => $"{JsonPath}: {Problem}";
}
