using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Tests.PubSub;

/// <summary>
/// Which failures of <c>CreateRuleAsync</c> are a refused filter (400) and which a broker that could not answer (503).
/// The end-to-end side, the emulator refusing a bad expression, is <see cref="FilterChangeTests"/>.
/// </summary>
public sealed class RuleRejectionTests
{
    private int _probes;

    [Fact]
    public async Task Service_Bus_refusing_the_expression_is_a_refused_rule()
    {
        Assert.True(await RuleRejection.IsRefusedRuleAsync(new ArgumentException("There was an error parsing the filter expression."), Answers));
    }

    [Fact]
    public async Task A_general_error_from_a_broker_that_still_answers_is_a_refused_rule()
    {
        // What the SDK makes of the emulator's amqp:invalid-field.
        var refusal = new ServiceBusException(isTransient: true, "Expected an expression after 'AND'.", reason: ServiceBusFailureReason.GeneralError);

        Assert.True(await RuleRejection.IsRefusedRuleAsync(refusal, Answers));
        Assert.Equal(1, _probes);
    }

    [Fact]
    public async Task A_general_error_from_a_broker_that_no_longer_answers_is_not_a_refused_rule()
    {
        // amqp:internal-error, a stolen link or a forced close look the same to the SDK as the emulator's refusal.
        var internalError = new ServiceBusException(isTransient: true, "The service was unable to process the request.", reason: ServiceBusFailureReason.GeneralError);

        Assert.False(await RuleRejection.IsRefusedRuleAsync(internalError, Unreachable));
    }

    [Theory]
    [InlineData(ServiceBusFailureReason.ServiceTimeout)]
    [InlineData(ServiceBusFailureReason.ServiceBusy)]
    [InlineData(ServiceBusFailureReason.ServiceCommunicationProblem)]
    [InlineData(ServiceBusFailureReason.MessagingEntityNotFound)]
    public async Task Timeouts_a_busy_or_unreachable_broker_and_other_reasons_are_never_a_refused_rule(ServiceBusFailureReason reason)
    {
        Assert.False(await RuleRejection.IsRefusedRuleAsync(new ServiceBusException("failed", reason), Answers));
        Assert.Equal(0, _probes);
    }

    [Fact]
    public async Task Other_exceptions_are_not_a_refused_rule()
    {
        Assert.False(await RuleRejection.IsRefusedRuleAsync(new TimeoutException(), Answers));
    }

    private Task Answers()
    {
        _probes++;
        return Task.CompletedTask;
    }

    private Task Unreachable()
    {
        _probes++;
        return Task.FromException(new ServiceBusException("Connection refused.", ServiceBusFailureReason.ServiceCommunicationProblem));
    }
}
