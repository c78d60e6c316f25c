using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Messages;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

public sealed class SubscriptionRuleSetTests
{
    [Fact]
    public void A_subscription_without_rules_gets_the_default_true_rule()
    {
        var rules = new SubscriptionRuleSet();
        var message = TestMessages.Standard();

        var rule = Assert.Single(rules.Rules);
        Assert.Equal("$Default", rule.Name);
        Assert.IsType<TrueFilterDefinition>(rule.Definition.Filter);
        Assert.Null(rule.Action);
        var delivery = Assert.Single(rules.Evaluate(message));
        Assert.Same(message, delivery.Message);
        Assert.Null(delivery.ActionRuleName);
        Assert.False(delivery.IsDeadLetter);
    }

    [Fact]
    public void Matching_rules_without_actions_deliver_one_copy()
    {
        var rules = new SubscriptionRuleSet([Sql("red", "color = 'red'"), Sql("ten", "quantity = 10"), Sql("blue", "color = 'blue'")]);

        var delivery = Assert.Single(rules.Evaluate(TestMessages.Standard()));

        Assert.Null(delivery.ActionRuleName);
    }

    [Fact]
    public void No_matching_rule_delivers_nothing()
    {
        var rules = new SubscriptionRuleSet([Sql("blue", "color = 'blue'"), Sql("missing", "missing = 1"), new RuleDefinition { Name = "never", Filter = new FalseFilterDefinition() }]);

        Assert.Empty(rules.Evaluate(TestMessages.Standard()));
    }

    [Fact]
    public void Each_matching_rule_with_an_action_delivers_its_own_copy()
    {
        // The reference's scenario: five matching rules, two with actions, give three messages.
        var rules = new SubscriptionRuleSet(
        [
            Sql("plain1", "color = 'red'"),
            Sql("halve", "quantity > 5", "SET quantity = quantity / 2"),
            new RuleDefinition { Name = "plain2", Filter = new TrueFilterDefinition() },
            new RuleDefinition { Name = "relabel", Filter = new CorrelationFilterDefinition { Label = "orders.created" }, ActionSqlExpression = "SET sys.Label = 'relabelled'; REMOVE color" },
            Sql("plain3", "EXISTS(flag)"),
        ]);
        var message = TestMessages.Standard();

        var deliveries = rules.Evaluate(message);

        Assert.Equal(3, deliveries.Count);
        Assert.Same(message, deliveries[0].Message);
        Assert.Equal(["halve", "relabel"], deliveries.Skip(1).Select(delivery => delivery.ActionRuleName));

        var halved = (DictionaryRuleMessage)deliveries[1].Message;
        Assert.Equal(5, halved.ApplicationProperties["quantity"]);
        Assert.Equal("halve", halved.ApplicationProperties[SubscriptionRuleSet.RuleNameProperty]);
        Assert.Equal("red", halved.ApplicationProperties["color"]);

        var relabelled = (DictionaryRuleMessage)deliveries[2].Message;
        Assert.Equal("relabelled", relabelled.GetSystemProperty(SystemProperty.Label));
        Assert.False(relabelled.ApplicationProperties.ContainsKey("color"));
        Assert.Equal(10, relabelled.ApplicationProperties["quantity"]);

        // Actions work on clones: the sent message is untouched.
        Assert.Equal(10, message.ApplicationProperties["quantity"]);
        Assert.Equal("orders.created", message.GetSystemProperty(SystemProperty.Label));
        Assert.False(message.ApplicationProperties.ContainsKey(SubscriptionRuleSet.RuleNameProperty));
    }

    [Fact]
    public void Only_action_rules_matching_deliver_only_their_copies()
    {
        var rules = new SubscriptionRuleSet([Sql("tag", "color = 'red'", "SET tagged = TRUE"), Sql("plain", "color = 'blue'")]);

        var delivery = Assert.Single(rules.Evaluate(TestMessages.Standard()));

        Assert.Equal("tag", delivery.ActionRuleName);
        Assert.Equal(true, ((DictionaryRuleMessage)delivery.Message).ApplicationProperties["tagged"]);
    }

    [Fact]
    public void Rules_added_and_removed_at_run_time_apply_to_the_next_message()
    {
        var rules = new SubscriptionRuleSet();
        var message = TestMessages.Standard();

        rules.Remove("$Default");
        Assert.Empty(rules.Rules);
        Assert.Empty(rules.Evaluate(message));

        var added = rules.Add(Sql("red", "color = 'red'"));
        Assert.Equal("red", added.Name);
        Assert.Single(rules.Evaluate(message));

        rules.Remove("RED");
        Assert.Empty(rules.Evaluate(message));
    }

    [Fact]
    public void A_duplicate_name_is_refused_case_insensitively()
    {
        var rules = new SubscriptionRuleSet([Sql("red", "color = 'red'")]);

        var error = Assert.Throws<RuleAlreadyExistsException>(() => rules.Add(Sql("Red", "1=1")));

        Assert.Equal("Red", error.RuleName);
        Assert.Single(rules.Rules);
        Assert.Throws<RuleAlreadyExistsException>(() => new SubscriptionRuleSet([Sql("a", "1=1"), Sql("A", "1=0")]));
    }

    [Fact]
    public void Removing_a_missing_rule_is_refused()
    {
        var rules = new SubscriptionRuleSet();

        var error = Assert.Throws<RuleNotFoundException>(() => rules.Remove("nope"));

        Assert.Equal("nope", error.RuleName);
        Assert.Single(rules.Rules);
    }

    [Fact]
    public void An_invalid_rule_names_itself_and_the_position_and_is_not_added()
    {
        var rules = new SubscriptionRuleSet();

        var filterError = Assert.Throws<InvalidRuleException>(() => rules.Add(Sql("broken", "color = 'red' AND AND x = 1")));
        var actionError = Assert.Throws<InvalidRuleException>(() => rules.Add(Sql("badAction", "1=1", "SET sys.SequenceNumber = 1")));

        Assert.Equal("Rule 'broken' has an invalid SQL filter: Unexpected token 'AND' at position 18.", filterError.Message);
        Assert.Equal(18, filterError.Position);
        Assert.Equal("badAction", actionError.RuleName);
        Assert.Contains("invalid SQL action", actionError.Message, StringComparison.Ordinal);
        Assert.Single(rules.Rules);
        Assert.Throws<InvalidRuleException>(() => new SubscriptionRuleSet([Sql("startup", "a = ")]));
    }

    [Fact]
    public void A_rule_that_fails_to_evaluate_dead_letters_the_message()
    {
        var rules = new SubscriptionRuleSet([Sql("plain", "1=1"), Sql("divide", "quantity / 0 = 1")]);
        var message = TestMessages.Standard();

        var delivery = Assert.Single(rules.Evaluate(message));

        Assert.True(delivery.IsDeadLetter);
        Assert.Same(message, delivery.Message);
        Assert.Equal(RuleDelivery.FilterEvaluationFailedReason, delivery.DeadLetterReason);
        Assert.Contains("divide", delivery.DeadLetterDescription, StringComparison.Ordinal);
        Assert.Contains("Division by zero", delivery.DeadLetterDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_can_change_while_messages_are_evaluated()
    {
        var rules = new SubscriptionRuleSet();
        var message = TestMessages.Standard();

        Parallel.For(0, 400, i =>
        {
            if (i % 2 == 0)
            {
                rules.Add(Sql($"r{i}", "color = 'red'", i % 4 == 0 ? "SET n = 1" : null));
            }
            else
            {
                Assert.NotEmpty(rules.Evaluate(message));
            }
        });

        Assert.Equal(201, rules.Rules.Count);
        Assert.Equal(1 + 100, rules.Evaluate(message).Count);
        Parallel.For(0, 200, i => rules.Remove($"r{i * 2}"));
        Assert.Equal("$Default", Assert.Single(rules.Rules).Name);
    }

    [Fact]
    public void Creation_time_comes_from_the_time_provider()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var rules = new SubscriptionRuleSet(timeProvider: clock);

        Assert.Equal(new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc), rules.Rules[0].CreatedAt);
    }

    private static RuleDefinition Sql(string name, string filter, string? action = null) =>
        new() { Name = name, Filter = new SqlFilterDefinition(filter), ActionSqlExpression = action };
}
