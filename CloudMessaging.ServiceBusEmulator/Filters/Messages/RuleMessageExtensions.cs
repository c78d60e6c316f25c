namespace CloudMessaging.ServiceBusEmulator.Filters.Messages;

/// <summary>
/// Application property names resolve case-insensitively, as the SQL filter reference states ("property names
/// are case-insensitive"); an exact match wins when several names differ only by case.
/// </summary>
public static class RuleMessageExtensions
{
    public static bool TryResolveApplicationProperty(this IRuleMessage message, string name, out string resolvedName, out object? value)
    {
        if (message.TryGetApplicationProperty(name, out value))
        {
            resolvedName = name;
            return true;
        }

        foreach (var candidate in message.ApplicationPropertyNames)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                && message.TryGetApplicationProperty(candidate, out value))
            {
                resolvedName = candidate;
                return true;
            }
        }

        resolvedName = name;
        value = null;
        return false;
    }
}
