namespace CloudMessaging.ServiceBusEmulator.Broker;

internal static class EntityStatusExtensions
{
    public static bool AllowsSend(this EntityStatus status) => status is EntityStatus.Active or EntityStatus.ReceiveDisabled;

    public static bool AllowsReceive(this EntityStatus status) => status is EntityStatus.Active or EntityStatus.SendDisabled;
}
