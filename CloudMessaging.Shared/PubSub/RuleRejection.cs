using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Shared.PubSub;

/// <summary>
/// Tells a rule the broker refused (bad input: 400) from a broker that could not answer (retry later: 503) after
/// <c>CreateRuleAsync</c> failed.
/// </summary>
/// <remarks>
/// Service Bus refuses a bad filter with <c>com.microsoft:argument-error</c>, which the SDK raises as an
/// <see cref="ArgumentException"/>. The emulator answers <c>amqp:invalid-field</c> with its parser's text, which the SDK
/// raises as a transient <see cref="ServiceBusFailureReason.GeneralError"/>: the same shape as <c>amqp:internal-error</c>,
/// a stolen link or a forced connection close. So a general error counts as a refusal only when the broker answers a
/// harmless request right afterwards; timeouts, a busy broker and communication problems never do.
/// </remarks>
public static class RuleRejection
{
    /// <param name="failure">What <c>CreateRuleAsync</c> threw.</param>
    /// <param name="brokerAnswers">A harmless request to the same broker (read the subscription's rules).</param>
    public static async Task<bool> IsRefusedRuleAsync(Exception failure, Func<Task> brokerAnswers)
    {
        ArgumentNullException.ThrowIfNull(brokerAnswers);
        switch (failure)
        {
            case ArgumentException:
                return true;
            case ServiceBusException { Reason: ServiceBusFailureReason.GeneralError }:
                try
                {
                    await brokerAnswers().ConfigureAwait(false);
                    return true;
                }
                catch (ServiceBusException)
                {
                    return false;
                }

            default:
                return false;
        }
    }
}
