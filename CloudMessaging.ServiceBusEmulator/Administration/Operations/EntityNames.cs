using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>The names Config.json allows are the names the API allows; anything else is a 400 with the reason.</summary>
internal static class EntityNames
{
    public static void CheckEntityPath(string name)
    {
        if (EntityNameRules.CheckEntityPath(name) is { } problem)
        {
            throw AdministrationException.BadRequest($"Invalid entity name: {problem}.");
        }
    }

    public static void CheckSubscriptionOrRuleName(string name)
    {
        if (EntityNameRules.CheckSubscriptionOrRuleName(name) is { } problem)
        {
            throw AdministrationException.BadRequest($"Invalid name: {problem}.");
        }
    }
}
