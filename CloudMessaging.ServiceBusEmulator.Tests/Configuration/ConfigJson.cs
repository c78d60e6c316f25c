namespace CloudMessaging.ServiceBusEmulator.Tests.Configuration;

/// <summary>Small Config.json documents around the fragment a test is about.</summary>
internal static class ConfigJson
{
    public const string NamespacePath = "$.UserConfig.Namespaces[0]";

    public static string With(string queues = "[]", string topics = "[]", string namespaceName = "sbemulatorns") => $$"""
        {
          "UserConfig": {
            "Namespaces": [ { "Name": "{{namespaceName}}", "Queues": {{queues}}, "Topics": {{topics}} } ],
            "Logging": { "Type": "Console" }
          }
        }
        """;

    public static string Queue(string name, string properties = "{}") => $$"""{ "Name": "{{name}}", "Properties": {{properties}} }""";

    /// <summary>A topic with one subscription carrying <paramref name="rules"/>.</summary>
    public static string TopicWithRules(string rules) => $$"""
        [ { "Name": "t", "Subscriptions": [ { "Name": "s", "Rules": {{rules}} } ] } ]
        """;

    public static string Rule(string name, string properties) => $$"""{ "Name": "{{name}}", "Properties": {{properties}} }""";
}
