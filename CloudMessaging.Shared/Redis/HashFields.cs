using System.Globalization;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Redis;

/// <summary>The fields of one Redis hash, read as text, numbers and times (absent and empty fields read as null or 0).</summary>
public sealed class HashFields
{
    private readonly Dictionary<string, string> _fields;

    private HashFields(HashEntry[] entries) =>
        _fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Null when the hash does not exist (Redis answers an absent key with no fields).</summary>
    public static HashFields? From(HashEntry[] entries) => entries.Length == 0 ? null : new HashFields(entries);

    /// <summary>A hash of counters (field → integer), such as the totals a store increments.</summary>
    public static Dictionary<string, long> Counts(HashEntry[] entries) =>
        entries.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);

    /// <summary>The field as stored, even when empty; throws when it is absent.</summary>
    public string this[string name] => _fields[name];

    public bool Contains(string name) => _fields.ContainsKey(name);

    public string? Text(string name) => _fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public long Number(string name) => Text(name) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>A time written with the round-trip format <c>"O"</c>.</summary>
    public DateTimeOffset? RoundTripTime(string name) =>
        Text(name) is { } value ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    /// <summary>A time written as Unix milliseconds.</summary>
    public DateTimeOffset? UnixMillisecondsTime(string name) =>
        Text(name) is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(value, CultureInfo.InvariantCulture)) : null;
}
