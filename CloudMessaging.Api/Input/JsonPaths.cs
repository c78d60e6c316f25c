namespace CloudMessaging.Api.Input;

/// <summary>Member paths as the <c>errors</c> of a validation problem name them: <c>data.total</c>, <c>tasks[3].priority</c>.</summary>
public static class JsonPaths
{
    public static string Member(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    /// <summary>Turns a System.Text.Json path (<c>$.tasks[3].priority</c>) into ours; the root is <c>body</c>.</summary>
    public static string FromJsonPath(string? jsonPath) =>
        jsonPath switch
        {
            null or "" or "$" => InputProblems.Body,
            _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
            _ when jsonPath.StartsWith('$') => jsonPath[1..],
            _ => jsonPath,
        };
}
