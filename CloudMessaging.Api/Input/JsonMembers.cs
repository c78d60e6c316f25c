using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudMessaging.Api.Input;

/// <summary>
/// Refuses members a request does not define, by name, so that a misspelt field (<c>handlerMs</c>) is an error rather
/// than silently defaulted.
/// </summary>
public static class JsonMembers
{
    /// <summary>Adds an error for each member of <paramref name="element"/> not among <paramref name="known"/>.</summary>
    public static void RejectUnknown(JsonElement element, string path, IDictionary<string, string[]> errors, params IReadOnlyCollection<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in element.EnumerateObject())
        {
            if (!known.Contains(member.Name, StringComparer.Ordinal))
            {
                errors[JsonPaths.Member(path, member.Name)] = [$"Unknown member: this object takes {string.Join(", ", known)}."];
            }
        }
    }

    /// <summary>The same, following a serialization contract: objects nested in members and in arrays are checked too.</summary>
    public static void RejectUnknown(JsonElement element, JsonTypeInfo contract, string path, IDictionary<string, string[]> errors)
    {
        switch (contract.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                var properties = contract.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
                RejectUnknown(element, path, errors, properties.Keys);
                foreach (var member in element.EnumerateObject())
                {
                    if (properties.TryGetValue(member.Name, out var property))
                    {
                        RejectUnknown(member.Value, contract.Options.GetTypeInfo(property.PropertyType), JsonPaths.Member(path, member.Name), errors);
                    }
                }

                break;

            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && contract.ElementType is { } itemType:
                var items = contract.Options.GetTypeInfo(itemType);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RejectUnknown(item, items, JsonPaths.Index(path, index++), errors);
                }

                break;
        }
    }
}
