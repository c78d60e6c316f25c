using Azure.Messaging.ServiceBus;

namespace CloudMessaging.Shared.ClaimCheck;

public static class ClaimCheckSenderExtensions
{
    /// <summary>Wraps a sender so that bodies above the inline threshold travel by claim check.</summary>
    public static ClaimCheckSender WithClaimCheck(this ServiceBusSender sender, ClaimCheckOffloader offloader) =>
        new(sender, offloader);
}
