using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Rules;

/// <summary>
/// One message a subscription receives for a message sent to its topic.
/// <see cref="ActionRuleName"/> is null for the single copy that stands for every matching rule without an action:
/// then <see cref="Message"/> is the very instance given to <see cref="SubscriptionRuleSet.Evaluate"/>, unchanged.
/// Otherwise it is a clone the named rule's action has changed.
/// When <see cref="DeadLetterReason"/> is set, a rule failed to evaluate: store <see cref="Message"/> (the
/// original) directly in the subscription's dead-letter queue with that reason and description, as the service
/// does by default (EnableDeadLetteringOnFilterEvaluationExceptions).
/// </summary>
public sealed record RuleDelivery(IRuleMessage Message, string? ActionRuleName)
{
    /// <summary>Dead-letter reason used for rule evaluation failures.</summary>
    public const string FilterEvaluationFailedReason = "FilterEvaluationException";

    public string? DeadLetterReason { get; init; }

    public string? DeadLetterDescription { get; init; }

    public bool IsDeadLetter => DeadLetterReason is not null;
}
