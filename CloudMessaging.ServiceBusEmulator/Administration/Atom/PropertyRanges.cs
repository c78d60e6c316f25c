namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>The service's limits on entity properties; a value outside them is a 400 naming the property.</summary>
internal static class PropertyRanges
{
    public static readonly TimeSpan MinLockDuration = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxLockDuration = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinDuplicateWindow = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MaxDuplicateWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinAutoDeleteOnIdle = TimeSpan.FromMinutes(5);
    public const int MaxUserMetadataLength = 1024;

    public static void Check(string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            throw AdministrationException.BadRequest($"{name}={value} is out of range: it must be between {min} and {max}.");
        }
    }

    public static void CheckPositive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw AdministrationException.BadRequest($"{name}={value} must be positive.");
        }
    }

    public static void CheckAtLeast(string name, int value, int min)
    {
        if (value < min)
        {
            throw AdministrationException.BadRequest($"{name}={value} must be at least {min}.");
        }
    }

    public static void CheckUserMetadata(string? value)
    {
        if (value is { Length: > MaxUserMetadataLength })
        {
            throw AdministrationException.BadRequest($"UserMetadata is {value.Length} characters long; at most {MaxUserMetadataLength} are allowed.");
        }
    }
}
