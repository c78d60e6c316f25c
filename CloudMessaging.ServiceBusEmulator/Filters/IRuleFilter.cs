using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters;

/// <summary>Decides whether a message sent to a topic is selected by a subscription rule.</summary>
public interface IRuleFilter
{
    bool Matches(IRuleMessage message);
}
