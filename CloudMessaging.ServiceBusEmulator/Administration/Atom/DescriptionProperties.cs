using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>
/// The properties of a description sent with a PUT, by element name. Each one must be read or explicitly
/// accepted; <see cref="EnsureAllUnderstood"/> then refuses whatever is left, so nothing is silently ignored.
/// </summary>
internal sealed class DescriptionProperties
{
    // Runtime values the SDK may echo back on an update; they are the service's to set.
    private static readonly string[] ReadOnly =
        ["AccessedAt", "CreatedAt", "UpdatedAt", "MessageCount", "SizeInBytes", "CountDetails", "EntityAvailabilityStatus", "SkippedUpdate", "SubscriptionCount"];

    private readonly Dictionary<string, XElement> _elements;
    private readonly HashSet<string> _understood = new(StringComparer.Ordinal);

    private DescriptionProperties(string kind, Dictionary<string, XElement> elements)
    {
        Kind = kind;
        _elements = elements;
        _understood.UnionWith(ReadOnly);
    }

    /// <summary>The description's element name: QueueDescription, TopicDescription, SubscriptionDescription, RuleDescription.</summary>
    public string Kind { get; }

    /// <exception cref="AdministrationException">400: the body is not an ATOM entry with a description.</exception>
    public static DescriptionProperties Parse(byte[] body)
    {
        XElement entry;
        try
        {
            entry = XElement.Parse(Encoding.UTF8.GetString(body));
        }
        catch (XmlException ex)
        {
            throw AdministrationException.BadRequest("The request body is not XML: " + ex.Message);
        }

        var description = entry.Element(AtomNames.Atom + "content")?.Elements().FirstOrDefault()
            ?? throw AdministrationException.BadRequest("The request body is not an ATOM entry with a description in its content.");
        var elements = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in description.Elements())
        {
            elements[element.Name.LocalName] = element;
        }

        return new DescriptionProperties(description.Name.LocalName, elements);
    }

    public XElement? Element(string name)
    {
        _understood.Add(name);
        return _elements.GetValueOrDefault(name);
    }

    public string? Text(string name) => Element(name)?.Value;

    public TimeSpan Duration(string name, TimeSpan defaultValue) =>
        Convert(name, defaultValue, XmlConvert.ToTimeSpan, "an ISO-8601 duration");

    public int Int(string name, int defaultValue) =>
        Convert(name, defaultValue, v => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture), "a whole number");

    public bool Bool(string name, bool defaultValue) => Convert(name, defaultValue, XmlConvert.ToBoolean, "true or false");

    public EntityStatus Status(params EntityStatus[] allowed)
    {
        var status = Convert(name: "Status", EntityStatus.Active, v => Enum.Parse<EntityStatus>(v, ignoreCase: false), "an entity status");
        return allowed.Contains(status)
            ? status
            : throw AdministrationException.BadRequest($"Status '{status}' is not valid for a {Kind}; allowed: {string.Join(", ", allowed)}.");
    }

    /// <summary>Accepts a property only when absent or equal to what the emulator does; refuses any other value by name.</summary>
    public void AcceptOnly(string name, string expected, string why)
    {
        var value = Text(name);
        if (value is not null && !string.Equals(value.Trim(), expected, StringComparison.OrdinalIgnoreCase))
        {
            throw AdministrationException.BadRequest($"{name}={value} is not supported by the emulator ({why}); only {expected} is.");
        }
    }

    /// <summary>Accepts an element only when it is absent or has no content (e.g. an empty AuthorizationRules).</summary>
    public void AcceptOnlyEmpty(string name, string why)
    {
        if (Element(name) is { HasElements: true } or { IsEmpty: false, Value.Length: > 0 })
        {
            throw AdministrationException.BadRequest($"{name} is not supported by the emulator ({why}).");
        }
    }

    /// <summary>Refuses the first property that no reader took, naming it.</summary>
    public void EnsureAllUnderstood()
    {
        var unknown = _elements.Keys.FirstOrDefault(name => !_understood.Contains(name));
        if (unknown is not null)
        {
            throw AdministrationException.BadRequest($"The {Kind} property '{unknown}' is not supported by the emulator.");
        }
    }

    private T Convert<T>(string name, T defaultValue, Func<string, T> parse, string expected)
    {
        var value = Text(name);
        if (value is null)
        {
            return defaultValue;
        }

        try
        {
            return parse(value.Trim());
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw AdministrationException.BadRequest($"{name}='{value}' is not {expected}.");
        }
    }
}
