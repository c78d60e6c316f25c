using CloudMessaging.ServiceBusEmulator.Amqp;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>What an update does besides new settings: refuse what cannot change, and apply a new status to open links.</summary>
internal static class EntityChanges
{
    public static void RefuseSwitch(string property, bool current, bool requested)
    {
        if (current != requested)
        {
            throw AdministrationException.BadRequest($"{property} cannot be changed on an existing entity (it is {current}).");
        }
    }

    /// <summary>Sets the status, then detaches the links it no longer allows with entity-disabled (MessagingEntityDisabled).</summary>
    public static void ApplyStatus(EntityLinks links, object entity, EntityStatus status, Action<EntityStatus> set)
    {
        set(status);
        links.Detach(
            entity,
            role => role == EntityLinks.LinkRole.Sender ? !status.AllowsSend() : role == EntityLinks.LinkRole.Receiver && !status.AllowsReceive(),
            ErrorConditions.EntityDisabled,
            $"The messaging entity is {status}.");
    }
}
