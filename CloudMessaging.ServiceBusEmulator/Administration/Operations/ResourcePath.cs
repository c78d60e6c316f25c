namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>
/// What a request path names: <c>$namespaceinfo</c>, <c>$Resources/queues</c>, <c>$Resources/topics</c>, an entity
/// (<c>a/b</c>), <c>&lt;topic&gt;/Subscriptions[/&lt;name&gt;[/Rules[/&lt;rule&gt;]]]</c>. Entity names never have a
/// segment called Subscriptions, so the first one splits the path.
/// </summary>
internal sealed record ResourcePath(ResourceKind Kind, string Entity, string? Subscription = null, string? Rule = null)
{
    public string SubscriptionPath => Entity + "/Subscriptions/" + Subscription;

    public static ResourcePath Parse(string path)
    {
        if (path.Equals("$namespaceinfo", StringComparison.OrdinalIgnoreCase))
        {
            return new(ResourceKind.NamespaceInfo, string.Empty);
        }

        if (path.Equals("$Resources/queues", StringComparison.OrdinalIgnoreCase))
        {
            return new(ResourceKind.Queues, string.Empty);
        }

        if (path.Equals("$Resources/topics", StringComparison.OrdinalIgnoreCase))
        {
            return new(ResourceKind.Topics, string.Empty);
        }

        var segments = path.Split('/');
        var split = Array.FindIndex(segments, s => s.Equals("Subscriptions", StringComparison.OrdinalIgnoreCase));
        if (split <= 0)
        {
            return new(ResourceKind.Entity, path);
        }

        var topic = string.Join('/', segments[..split]);
        var rest = segments[(split + 1)..];
        return rest switch
        {
            [] => new(ResourceKind.Subscriptions, topic),
            [var subscription] => new(ResourceKind.Subscription, topic, subscription),
            [var subscription, var rules] when IsRules(rules) => new(ResourceKind.Rules, topic, subscription),
            [var subscription, var rules, var rule] when IsRules(rules) => new(ResourceKind.Rule, topic, subscription, rule),
            _ => throw AdministrationException.BadRequest($"'{path}' names no queue, topic, subscription or rule."),
        };
    }

    private static bool IsRules(string segment) => segment.Equals("Rules", StringComparison.OrdinalIgnoreCase);
}
