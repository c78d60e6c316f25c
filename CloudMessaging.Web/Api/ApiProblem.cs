using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMessaging.Web.Api;

/// <summary>
/// An RFC 9457 problem as the API writes it: title, detail, and for bad input <c>errors</c> keyed by the field (member,
/// header or parameter) at fault. Pages show <see cref="For"/> next to the matching input.
/// </summary>
public sealed partial class ApiProblem
{
    public int? Status { get; init; }

    public string? Title { get; init; }

    public string? Detail { get; init; }

    public Dictionary<string, string[]>? Errors { get; init; }

    /// <summary>Members beyond the standard ones (<c>field</c>, <c>position</c>, <c>maxBytes</c>, ...).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary>True when the API (or a dependency behind it) could not be reached, rather than refusing the input.</summary>
    [JsonIgnore]
    public bool IsUnavailable { get; init; }

    /// <summary>The messages for one field, matched case-insensitively and by the last segment of a JSON path.</summary>
    public IReadOnlyList<string> For(string field)
    {
        var messages = new List<string>();
        foreach (var (key, values) in Errors ?? [])
        {
            var last = IndexSuffix().Replace(key, "").Split('.').LastOrDefault(segment => segment.Length > 0) ?? key;
            if (string.Equals(key, field, StringComparison.OrdinalIgnoreCase) || string.Equals(last, field, StringComparison.OrdinalIgnoreCase))
            {
                messages.AddRange(values);
            }
        }

        if (Extension("field") is { } named && string.Equals(named, field, StringComparison.OrdinalIgnoreCase))
        {
            messages.Add(Detail ?? Title ?? "Refused.");
        }

        return messages;
    }

    /// <summary>An extension member as text (strings unquoted), or null.</summary>
    public string? Extension(string name) =>
        Extensions is not null && Extensions.TryGetValue(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>One line for a banner: the title and the detail.</summary>
    public override string ToString() => Detail is { Length: > 0 } ? $"{Title} {Detail}" : Title ?? $"HTTP {Status}";

    [System.Text.RegularExpressions.GeneratedRegex(@"\[[^\]]*\]")]
    private static partial System.Text.RegularExpressions.Regex IndexSuffix();

    public static ApiProblem Unreachable(string reason) => new()
    {
        Title = "The API is not reachable.",
        Detail = reason,
        IsUnavailable = true,
    };
}
