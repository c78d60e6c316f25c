namespace CloudMessaging.Web.Components.Pages.PubSub;

/// <summary>One order event as <c>POST /api/orders/events</c> takes it (alone, or in an array for a batch).</summary>
public sealed record OrderEventBody(string Id, string Type, OrderEventDataBody Data);

public sealed record OrderEventDataBody(string OrderId, string CustomerId, decimal Total, string Country, string CustomerTier);

public sealed record PublishAcceptedView(int Published, IReadOnlyList<PublishedEventView> Events);

public sealed record PublishedEventView(string Id, string Type, string OrderId, string Deliveries);

/// <summary><c>GET /api/orders/events/{id}</c>: the subscribers that handled it so far.</summary>
public sealed record EventDeliveriesView(string Id, IReadOnlyDictionary<string, HandledEventView> HandledBy, IReadOnlyDictionary<string, long> Repeats);

public sealed record HandledEventView(string Subscriber, string EventId, string Type, string OrderId, string Effect, string Replica);

/// <summary><c>GET /api/subscribers</c>: per subscription, what it handled, its dead letters, its rules and its failure switch.</summary>
public sealed record SubscriberInfo(string Name, long Handled, HandledEventView? LastEvent, bool Failing, int DeadLettered, IReadOnlyList<RuleInfo> Rules);

public sealed record RuleInfo(string Name, string FilterType, string? SqlExpression, IReadOnlyDictionary<string, string>? Correlation, string? Action)
{
    /// <summary>The rule as one line: its SQL, or the properties a correlation filter matches.</summary>
    public string Describe() => SqlExpression
        ?? (Correlation is { Count: > 0 } matched ? string.Join(" AND ", matched.Select(pair => $"{pair.Key} = '{pair.Value}'")) : FilterType);
}

/// <summary>The body of <c>PUT /api/subscribers/{name}/filter</c>.</summary>
public sealed record FilterChangeBody(string Sql, string? RuleName);
