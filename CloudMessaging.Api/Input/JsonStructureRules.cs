using System.Text.Json;

namespace CloudMessaging.Api.Input;

/// <summary>
/// Rules every JSON body of the API follows, whatever its schema: no member named twice in one object (which of the
/// two would count is a guess), and no NUL character in a name or a string (no field of this API needs one, and
/// downstream stores and logs treat it badly).
/// </summary>
public static class JsonStructureRules
{
    public readonly record struct Violation(string Path, string Message);

    public static Violation? FindViolation(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = JsonPaths.Member(path, member.Name);
                    if (member.Name.Contains('\0'))
                    {
                        return new Violation(path.Length == 0 ? InputProblems.Body : path, "A member name contains a NUL character.");
                    }

                    if (!seen.Add(member.Name))
                    {
                        return new Violation(memberPath, "The member appears more than once.");
                    }

                    if (FindViolation(member.Value, memberPath) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindViolation(item, JsonPaths.Index(path, index++)) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.String when element.GetString()!.Contains('\0'):
                return new Violation(path.Length == 0 ? InputProblems.Body : path, "Must not contain NUL characters.");

            default:
                return null;
        }
    }
}
