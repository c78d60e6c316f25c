using Azure.Messaging.ServiceBus.Administration;

namespace CloudMessaging.Api.PubSub;

/// <summary>A subscription rule as the API shows it: a SQL expression, or the properties a correlation filter matches.</summary>
public sealed record RuleView(string Name, string FilterType, string? SqlExpression, IReadOnlyDictionary<string, string>? Correlation, string? Action)
{
    public static RuleView From(RuleProperties rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var action = (rule.Action as SqlRuleAction)?.SqlExpression;
        return rule.Filter switch
        {
            TrueRuleFilter => new RuleView(rule.Name, "True", "1=1", null, action),
            FalseRuleFilter => new RuleView(rule.Name, "False", "1=0", null, action),
            SqlRuleFilter sql => new RuleView(rule.Name, "Sql", sql.SqlExpression, null, action),
            CorrelationRuleFilter correlation => new RuleView(rule.Name, "Correlation", null, Describe(correlation), action),
            var other => new RuleView(rule.Name, other.GetType().Name, null, null, action),
        };
    }

    private static Dictionary<string, string> Describe(CorrelationRuleFilter filter)
    {
        var matched = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                matched[name] = value;
            }
        }

        Add("subject", filter.Subject);
        Add("correlationId", filter.CorrelationId);
        Add("messageId", filter.MessageId);
        Add("to", filter.To);
        Add("replyTo", filter.ReplyTo);
        Add("sessionId", filter.SessionId);
        Add("replyToSessionId", filter.ReplyToSessionId);
        Add("contentType", filter.ContentType);
        foreach (var (name, value) in filter.ApplicationProperties)
        {
            matched[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return matched;
    }
}
