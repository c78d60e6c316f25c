using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>Short ways to describe the subscriptions a topic test needs.</summary>
internal static class TopicSubscriptions
{
    public static SubscriptionDefinition All(string name) => new() { Name = name };

    public static SubscriptionDefinition Sql(string name, string expression, string? action = null) => new()
    {
        Name = name,
        Rules = [new RuleDefinition { Name = name + "-rule", Filter = new SqlFilterDefinition(expression), ActionSqlExpression = action }],
    };

    public static SubscriptionDefinition Correlation(string name, CorrelationFilterDefinition filter) => new()
    {
        Name = name,
        Rules = [new RuleDefinition { Name = name + "-rule", Filter = filter }],
    };

    public static string PathOf(string topic, string subscription) => $"{topic}/Subscriptions/{subscription}";
}
