using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Broker.Topics;

/// <summary>
/// A message on its way from a topic to its subscriptions, as the rule engine sees it. Rule actions change clones
/// of it; <see cref="ToBrokerMessage"/> then gives the subscription a stored message with those changes.
/// </summary>
internal interface IRoutedMessage : IRuleMessage
{
    /// <summary>A new stored message for one subscription: the sender's encoding, or a re-encoding when an action changed it.</summary>
    BrokerMessage ToBrokerMessage();
}
