using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using CloudMessaging.Shared;
using CloudMessaging.Shared.Hosting;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

/// <summary>
/// Reads and replaces the rules of the <c>orders</c> subscriptions with the rule manager (AMQP management, which both
/// Service Bus and our emulator serve). It has its own client with a short retry: a rule the broker refuses comes back
/// with an error the SDK counts as transient, and the caller should hear why within a second, not after the
/// default back-off.
/// </summary>
public sealed class SubscriptionRules : IAsyncDisposable
{
    public const string DefaultRuleName = "sql-filter";

    private static readonly ServiceBusRetryOptions ShortRetry = new()
    {
        Mode = ServiceBusRetryMode.Fixed,
        MaxRetries = 1,
        Delay = TimeSpan.FromMilliseconds(200),
        TryTimeout = TimeSpan.FromSeconds(10),
    };

    private readonly ServiceBusClient _client;

    public SubscriptionRules(IConfiguration configuration, ReplicaIdentity replica)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ServiceBusClientOptions
        {
            Identifier = $"{replica.Name}-rules",
            TransportType = ServiceBusTransportType.AmqpTcp,
            RetryOptions = ShortRetry,
        };

        _client = CloudMessagingClientExtensions.CreateServiceBusClient(configuration, options);
    }

    public async Task<IReadOnlyList<RuleProperties>> GetAsync(string subscription, CancellationToken cancellationToken)
    {
        await using var ruleManager = _client.CreateRuleManager(EntityNames.OrdersTopic, subscription);
        var rules = new List<RuleProperties>();
        await foreach (var rule in ruleManager.GetRulesAsync(cancellationToken))
        {
            rules.Add(rule);
        }

        return rules;
    }

    /// <summary>
    /// Makes <paramref name="sqlExpression"/> the subscription's only rule. The new rule is added before the old ones
    /// are removed, so events published meanwhile match the old or the new filter and none falls between them; an
    /// expression the broker refuses changes nothing (<see cref="InvalidFilterException"/>).
    /// </summary>
    public async Task<IReadOnlyList<RuleProperties>> ReplaceAsync(
        string subscription, string sqlExpression, string? ruleName, CancellationToken cancellationToken)
    {
        var target = ruleName ?? DefaultRuleName;
        await using var ruleManager = _client.CreateRuleManager(EntityNames.OrdersTopic, subscription);
        var existing = await GetAsync(subscription, cancellationToken);

        // Rule names are unique per subscription: reusing the current name goes through a staging rule.
        var staging = existing.Any(r => string.Equals(r.Name, target, StringComparison.OrdinalIgnoreCase))
            ? $"{target}-{Guid.NewGuid().ToString("N")[..8]}"
            : target;

        await CreateAsync(ruleManager, staging, sqlExpression, cancellationToken);
        foreach (var rule in existing.Where(r => !string.Equals(r.Name, staging, StringComparison.OrdinalIgnoreCase)))
        {
            await ruleManager.DeleteRuleAsync(rule.Name, cancellationToken);
        }

        if (staging != target)
        {
            await CreateAsync(ruleManager, target, sqlExpression, cancellationToken);
            await ruleManager.DeleteRuleAsync(staging, cancellationToken);
        }

        return await GetAsync(subscription, cancellationToken);
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary>
    /// Creates the rule; a refusal of the expression becomes <see cref="InvalidFilterException"/>, any other failure
    /// (the broker unreachable or erring) propagates as it is, for a 503.
    /// </summary>
    private static async Task CreateAsync(ServiceBusRuleManager ruleManager, string name, string sqlExpression, CancellationToken cancellationToken)
    {
        try
        {
            await ruleManager.CreateRuleAsync(name, new SqlRuleFilter(sqlExpression), cancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or ServiceBusException)
        {
            if (await RuleRejection.IsRefusedRuleAsync(ex, () => AnyRuleAsync(ruleManager, cancellationToken)))
            {
                throw new InvalidFilterException(BrokerText(ex), ex);
            }

            throw;
        }
    }

    private static async Task AnyRuleAsync(ServiceBusRuleManager ruleManager, CancellationToken cancellationToken)
    {
        await foreach (var _ in ruleManager.GetRulesAsync(cancellationToken))
        {
            return;
        }
    }

    /// <summary>The broker's own words, without the SDK's appended reason and troubleshooting link.</summary>
    private static string BrokerText(Exception exception)
    {
        var text = exception.Message;
        var suffix = exception is ServiceBusException serviceBus ? text.IndexOf(" (" + serviceBus.Reason, StringComparison.Ordinal) : -1;
        return suffix > 0 ? text[..suffix] : text;
    }
}
