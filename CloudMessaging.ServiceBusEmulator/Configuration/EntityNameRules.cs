namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// Which names Config.json may give entities: letters, digits, '-', '_', '.' (and '/' in queue and topic paths),
/// starting and ending with a letter or digit, as the official schema requires; lengths as Azure limits them.
/// </summary>
internal static class EntityNameRules
{
    public const int MaxEntityPathLength = 260;

    public const int MaxSubscriptionOrRuleNameLength = 50;

    /// <summary>Null when <paramref name="name"/> may name a queue or topic, else the reason it may not.</summary>
    public static string? CheckEntityPath(string name)
    {
        var problem = CheckCharacters(name, allowSlash: true, MaxEntityPathLength);
        if (problem is not null)
        {
            return problem;
        }

        // A segment named like a sub-entity would make addresses such as "<topic>/Subscriptions/<name>" ambiguous.
        var reservedSegment = name.Split('/').FirstOrDefault(s =>
            s.Equals("Subscriptions", StringComparison.OrdinalIgnoreCase) || s.Length == 0);
        return reservedSegment switch
        {
            null => null,
            "" => $"'{name}' has an empty path segment ('//')",
            _ => $"'{name}' has a path segment '{reservedSegment}', which is reserved for subscription addresses",
        };
    }

    /// <summary>Null when <paramref name="name"/> may name a subscription or a rule, else the reason it may not.</summary>
    public static string? CheckSubscriptionOrRuleName(string name) =>
        CheckCharacters(name, allowSlash: false, MaxSubscriptionOrRuleNameLength);

    private static string? CheckCharacters(string name, bool allowSlash, int maxLength)
    {
        if (name.Length == 0)
        {
            return "a name must not be empty";
        }

        if (name.Length > maxLength)
        {
            return $"'{name}' is {name.Length} characters long; at most {maxLength} are allowed";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return $"'{name}' must start and end with a letter or digit";
        }

        var invalid = name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' || (allowSlash && c == '/')));
        return invalid == default
            ? null
            : $"'{name}' contains '{invalid}'; only letters, digits, '-', '_', '.'{(allowSlash ? " and '/'" : string.Empty)} are allowed";
    }
}
