using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Messages;
using CloudMessaging.ServiceBusEmulator.Filters.Sql;

namespace CloudMessaging.ServiceBusEmulator.Filters.Rules;

/// <summary>
/// The rules of one subscription, changeable while messages flow.
/// Copies per message follow "Topic filters and actions" (learn.microsoft.com, service-bus-messaging/topic-filters):
/// all matching rules without an action together yield one copy, the original message; each matching rule with an
/// action yields its own copy with that action applied, carrying an application property <c>RuleName</c> = the
/// rule's name (the reference: "This message has a property called RuleName"). So five matching rules, two with
/// actions, deliver three messages.
/// A subscription created without rules gets <c>$Default</c> (true filter, no action); once every rule is removed
/// it receives nothing, as on the service.
/// Reads take a snapshot and never lock; changes copy the rule array under a lock.
/// </summary>
public sealed class SubscriptionRuleSet
{
    /// <summary>Application property naming the rule whose action produced a copy.</summary>
    public const string RuleNameProperty = "RuleName";

    private readonly Lock _writeLock = new();
    private readonly TimeProvider _timeProvider;
    private volatile CompiledRule[] _rules;

    /// <param name="rules">The configured rules; none means the <c>$Default</c> rule.</param>
    /// <exception cref="InvalidRuleException">A rule does not parse; the message names it and the position.</exception>
    /// <exception cref="RuleAlreadyExistsException">Two rules share a name.</exception>
    public SubscriptionRuleSet(IEnumerable<RuleDefinition>? rules = null, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        var definitions = rules?.ToList() ?? [];
        if (definitions.Count == 0)
        {
            definitions.Add(CompiledRule.DefaultRuleDefinition);
        }

        var compiled = new List<CompiledRule>(definitions.Count);
        foreach (var definition in definitions)
        {
            var rule = CompiledRule.Compile(definition, _timeProvider.GetUtcNow().UtcDateTime);
            if (compiled.Exists(existing => SameName(existing.Name, rule.Name)))
            {
                throw new RuleAlreadyExistsException(rule.Name);
            }

            compiled.Add(rule);
        }

        _rules = [.. compiled];
    }

    /// <summary>Hears the whole rule set after each change, under the write lock so changes arrive in order.</summary>
    internal Action<IReadOnlyList<RuleDefinition>>? Changed { get; set; }

    /// <summary>The definitions of <see cref="Rules"/>, as a durable namespace stores them.</summary>
    internal IReadOnlyList<RuleDefinition> CurrentDefinitions => Definitions();

    /// <summary>A snapshot in creation order.</summary>
    public IReadOnlyList<CompiledRule> Rules => _rules;

    /// <exception cref="InvalidRuleException">The rule does not parse.</exception>
    /// <exception cref="RuleAlreadyExistsException">A rule with that name (case-insensitive) exists.</exception>
    public CompiledRule Add(RuleDefinition definition)
    {
        var rule = CompiledRule.Compile(definition, _timeProvider.GetUtcNow().UtcDateTime);
        lock (_writeLock)
        {
            if (Array.Exists(_rules, existing => SameName(existing.Name, rule.Name)))
            {
                throw new RuleAlreadyExistsException(rule.Name);
            }

            _rules = [.. _rules, rule];
            Changed?.Invoke(Definitions());
        }

        return rule;
    }

    /// <exception cref="RuleNotFoundException">No rule has that name.</exception>
    public void Remove(string ruleName)
    {
        lock (_writeLock)
        {
            var index = Array.FindIndex(_rules, rule => SameName(rule.Name, ruleName));
            if (index < 0)
            {
                throw new RuleNotFoundException(ruleName);
            }

            _rules = [.. _rules[..index], .. _rules[(index + 1)..]];
            Changed?.Invoke(Definitions());
        }
    }

    /// <summary>Puts back the rules a durable namespace kept across a restart; they replace the configured ones.</summary>
    /// <exception cref="InvalidRuleException">A kept rule no longer parses.</exception>
    internal void Restore(IEnumerable<RuleDefinition> definitions)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var compiled = definitions.Select(definition => CompiledRule.Compile(definition, now)).ToArray();
        lock (_writeLock)
        {
            _rules = compiled;
        }
    }

    /// <summary>
    /// The messages this subscription receives for <paramref name="message"/>: empty when no rule matches.
    /// <paramref name="message"/> itself is never changed; actions work on clones.
    /// </summary>
    public IReadOnlyList<RuleDelivery> Evaluate(IRuleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var rules = _rules;
        var plainMatch = false;
        List<RuleDelivery>? actionCopies = null;
        foreach (var rule in rules)
        {
            try
            {
                if (!rule.Filter.Matches(message))
                {
                    continue;
                }

                if (rule.Action is null)
                {
                    plainMatch = true;
                    continue;
                }

                var copy = message.Clone();
                rule.Action.Apply(copy);
                copy.SetApplicationProperty(RuleNameProperty, rule.Name);
                (actionCopies ??= []).Add(new RuleDelivery(copy, rule.Name));
            }
            catch (SqlEvaluationException error)
            {
                return
                [
                    new RuleDelivery(message, null)
                    {
                        DeadLetterReason = RuleDelivery.FilterEvaluationFailedReason,
                        DeadLetterDescription = $"Rule '{rule.Name}' failed to evaluate: {error.Message}",
                    },
                ];
            }
        }

        var deliveries = new List<RuleDelivery>((plainMatch ? 1 : 0) + (actionCopies?.Count ?? 0));
        if (plainMatch)
        {
            deliveries.Add(new RuleDelivery(message, null));
        }

        if (actionCopies is not null)
        {
            deliveries.AddRange(actionCopies);
        }

        return deliveries;
    }

    private RuleDefinition[] Definitions() => Array.ConvertAll(_rules, rule => rule.Definition);

    // Rule names are entity names, which the service compares case-insensitively.
    private static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
