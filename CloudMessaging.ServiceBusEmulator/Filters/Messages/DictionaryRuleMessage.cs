namespace CloudMessaging.ServiceBusEmulator.Filters.Messages;

/// <summary>A message held in two dictionaries: for tests, and for callers that have no broker message at hand.</summary>
public sealed class DictionaryRuleMessage : IRuleMessage
{
    private readonly Dictionary<SystemProperty, object?> _system;
    private readonly Dictionary<string, object?> _application;

    public DictionaryRuleMessage()
        : this(new Dictionary<SystemProperty, object?>(), new Dictionary<string, object?>(StringComparer.Ordinal))
    {
    }

    private DictionaryRuleMessage(Dictionary<SystemProperty, object?> system, Dictionary<string, object?> application)
    {
        _system = system;
        _application = application;
    }

    public IReadOnlyDictionary<SystemProperty, object?> SystemProperties => _system;

    public IReadOnlyDictionary<string, object?> ApplicationProperties => _application;

    public IEnumerable<string> ApplicationPropertyNames => _application.Keys;

    public DictionaryRuleMessage With(SystemProperty property, object? value)
    {
        _system[property] = value;
        return this;
    }

    public DictionaryRuleMessage With(string applicationProperty, object? value)
    {
        _application[applicationProperty] = value;
        return this;
    }

    public object? GetSystemProperty(SystemProperty property) => _system.GetValueOrDefault(property);

    public void SetSystemProperty(SystemProperty property, object? value) => _system[property] = value;

    public bool TryGetApplicationProperty(string name, out object? value) => _application.TryGetValue(name, out value);

    public void SetApplicationProperty(string name, object? value) => _application[name] = value;

    public bool RemoveApplicationProperty(string name) => _application.Remove(name);

    public IRuleMessage Clone() => new DictionaryRuleMessage(
        new Dictionary<SystemProperty, object?>(_system),
        new Dictionary<string, object?>(_application, StringComparer.Ordinal));
}
