namespace CloudMessaging.ServiceBusEmulator.Filters.Messages;

/// <summary>
/// The view of a message that filters read and rule actions write; the broker implements it over its stored
/// message. Values are .NET values (string, long, int, double, decimal, bool, Guid, DateTime, TimeSpan, ...),
/// null when a property is not set. Lookups here are exact; <see cref="RuleMessageExtensions"/> adds the
/// service's case-insensitive name resolution on top.
/// </summary>
public interface IRuleMessage
{
    /// <summary>The property's value, or null when the message does not carry it.</summary>
    object? GetSystemProperty(SystemProperty property);

    /// <summary>Only called for properties <see cref="SystemPropertyCatalog.IsWritable"/> allows; null clears.</summary>
    void SetSystemProperty(SystemProperty property, object? value);

    IEnumerable<string> ApplicationPropertyNames { get; }

    /// <summary>Exact (ordinal) name lookup; a present property may hold null.</summary>
    bool TryGetApplicationProperty(string name, out object? value);

    void SetApplicationProperty(string name, object? value);

    bool RemoveApplicationProperty(string name);

    /// <summary>An independent copy that a rule action may change without touching this message.</summary>
    IRuleMessage Clone();
}
