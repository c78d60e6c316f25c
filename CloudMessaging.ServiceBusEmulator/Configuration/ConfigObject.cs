using System.Text.Json;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// A JSON object of the config file with typed, path-aware access to its properties. Reading one reports its
/// unknown properties (a warning), property names written in another casing (a warning, the value is used)
/// and properties given twice (an error). A JSON <c>null</c> counts as leaving the property out.
/// </summary>
internal sealed class ConfigObject
{
    private readonly Dictionary<string, JsonElement> values = new(StringComparer.Ordinal);
    private readonly ConfigDiagnostics diagnostics;

    private ConfigObject(string path, ConfigDiagnostics diagnostics)
    {
        Path = path;
        this.diagnostics = diagnostics;
    }

    public string Path { get; }

    /// <summary>Reads <paramref name="element"/> as an object that may hold <paramref name="knownNames"/>; null (and an error) if it is not an object.</summary>
    public static ConfigObject? Read(JsonElement element, string path, ConfigDiagnostics diagnostics, IReadOnlyCollection<string> knownNames)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, $"expected an object, found {Describe(element)}");
            return null;
        }

        var result = new ConfigObject(path, diagnostics);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = ConfigJsonPath.Property(path, property.Name);
            var known = knownNames.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.Ordinal))
                ?? knownNames.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                diagnostics.Warn(propertyPath, $"unknown property '{property.Name}' is ignored{UnknownPropertyHint(property.Name)}");
                continue;
            }

            if (!string.Equals(known, property.Name, StringComparison.Ordinal))
            {
                diagnostics.Warn(propertyPath, $"property '{property.Name}' is spelled '{known}' in the official format; its value is used");
            }

            if (!result.values.TryAdd(known, property.Value))
            {
                diagnostics.Error(propertyPath, $"'{known}' is given more than once");
            }
        }

        return result;
    }

    public string PathOf(string name) => ConfigJsonPath.Property(Path, name);

    public bool Has(string name) => TryGet(name, out _);

    public bool TryGet(string name, out JsonElement value) =>
        values.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    public string? GetString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            diagnostics.Error(PathOf(name), $"expected a string, found {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    /// <summary>A string that must be present and not empty; reports "missing" otherwise.</summary>
    public string? GetRequiredString(string name)
    {
        if (!TryGet(name, out _))
        {
            diagnostics.Error(PathOf(name), $"missing {name}");
            return null;
        }

        var text = GetString(name);
        if (text is { Length: 0 })
        {
            diagnostics.Error(PathOf(name), $"{name} must not be empty");
            return null;
        }

        return text;
    }

    public bool? GetBoolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        diagnostics.Error(PathOf(name), $"expected true or false, found {Describe(value)}");
        return null;
    }

    public int? GetInt32(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        diagnostics.Error(PathOf(name), $"expected a whole number, found {Describe(value)}");
        return null;
    }

    /// <summary>An ISO-8601 duration string greater than zero.</summary>
    public TimeSpan? GetPositiveDuration(string name)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        if (!Iso8601Duration.TryParse(text, out var duration, out var error))
        {
            diagnostics.Error(PathOf(name), error!);
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            diagnostics.Error(PathOf(name), $"{name} must be longer than zero, found '{text}'");
            return null;
        }

        return duration;
    }

    public ConfigObject? GetObject(string name, IReadOnlyCollection<string> knownNames) =>
        TryGet(name, out var value) ? Read(value, PathOf(name), diagnostics, knownNames) : null;

    /// <summary>The object at <paramref name="name"/>; an error saying <paramref name="whenMissing"/> when there is none.</summary>
    public ConfigObject? GetRequiredObject(string name, IReadOnlyCollection<string> knownNames, string whenMissing)
    {
        if (!Has(name))
        {
            diagnostics.Error(PathOf(name), whenMissing);
            return null;
        }

        return GetObject(name, knownNames);
    }

    /// <summary>The items of an array property with their paths; empty (and an error) if it is not an array.</summary>
    public IReadOnlyList<(JsonElement Item, string Path)> GetArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Error(PathOf(name), $"expected an array, found {Describe(value)}");
            return [];
        }

        var path = PathOf(name);
        return value.EnumerateArray().Select((item, index) => (item, ConfigJsonPath.Index(path, index))).ToArray();
    }

    /// <summary>"a string", "the number 3", ... for error messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the value {value.GetRawText()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };

    private static string UnknownPropertyHint(string name) => name switch
    {
        _ when string.Equals(name, "Subject", StringComparison.OrdinalIgnoreCase) => " (a correlation filter calls the subject 'Label')",
        _ => string.Empty,
    };
}
