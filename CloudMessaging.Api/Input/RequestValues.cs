namespace CloudMessaging.Api.Input;

/// <summary>
/// The input policy for what is not a body: route values, query parameters and headers are identifiers of bounded
/// length in visible ASCII, and a refusal names the value (<c>id</c>, <c>orderId</c>, <c>Idempotency-Key</c>).
/// </summary>
public static class RequestValues
{
    public const int MaxIdentifierLength = 128;

    /// <summary>Visible ASCII only: no spaces, no control characters, nothing a log line or a key could be split by.</summary>
    public static bool IsIdentifier(string? value, int maxLength = MaxIdentifierLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && value.All(c => c is >= '!' and <= '~');

    public static string IdentifierRule(int maxLength = MaxIdentifierLength) =>
        $"Must be 1 to {maxLength} visible ASCII characters (no spaces or control characters).";

    /// <summary>400 naming <paramref name="name"/> unless <paramref name="value"/> is an identifier.</summary>
    public static IResult? CheckIdentifier(string? value, string name, int maxLength = MaxIdentifierLength) =>
        IsIdentifier(value, maxLength) ? null : InputProblems.Invalid(name, IdentifierRule(maxLength));

    /// <summary>An optional header: absent is fine, present must be one identifier (a repeated header is refused too).</summary>
    public static (string? Value, IResult? Error) OptionalHeader(HttpRequest request, string name, int maxLength = MaxIdentifierLength)
    {
        if (!request.Headers.TryGetValue(name, out var values))
        {
            return (null, null);
        }

        return values.Count == 1 && IsIdentifier(values[0], maxLength)
            ? (values[0], null)
            : (null, InputProblems.Invalid(name, values.Count == 1 ? IdentifierRule(maxLength) : "Give the header once."));
    }
}
