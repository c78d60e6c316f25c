namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>What a request path names; see <see cref="ResourcePath"/>.</summary>
internal enum ResourceKind
{
    NamespaceInfo,
    Queues,
    Topics,
    Entity,
    Subscriptions,
    Subscription,
    Rules,
    Rule,
}
