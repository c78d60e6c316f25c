namespace CloudMessaging.Api.PubSub;

/// <summary>The body of <c>PUT /api/subscribers/{name}/filter</c>.</summary>
/// <param name="Sql">The SQL filter expression, such as <c>total &gt;= 500 AND tier = 'gold'</c>.</param>
/// <param name="RuleName">The rule's name; <see cref="SubscriptionRules.DefaultRuleName"/> when absent.</param>
public sealed record FilterChange(string? Sql, string? RuleName);
