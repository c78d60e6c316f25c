using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CloudMessaging.Api.Input;

/// <summary>
/// Reads a JSON object body into a request record under the input policy (<see cref="JsonBodyReader"/>), then refuses
/// unknown members by name and binds it strictly: a string is never a number, a number out of the member's range
/// (<c>1e30</c> for an int) is an error, and every error is keyed by the member's path.
/// </summary>
public static class TypedJsonBody
{
    /// <summary>Reads the body, then lets the endpoint's validator check what only it knows; its errors are a 400 too.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadValidAsync<T>(
        HttpRequest request, JsonTypeInfo<T> contract, long maxBytes, Func<T, Dictionary<string, string[]>> validate, CancellationToken cancellationToken)
        where T : class
    {
        var (value, error) = await ReadAsync(request, contract, maxBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        return validate(value!) is { Count: > 0 } errors ? (null, InputProblems.Invalid(errors)) : (value, null);
    }

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> contract, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var (document, error) = await JsonBodyReader.ReadObjectAsync(request, maxBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        using (document)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            JsonMembers.RejectUnknown(document!.RootElement, contract, "", errors);
            if (errors.Count > 0)
            {
                return (null, InputProblems.Invalid(errors));
            }

            try
            {
                return (document.RootElement.Deserialize(contract), null);
            }
            catch (JsonException ex)
            {
                return (null, InputProblems.Invalid(JsonPaths.FromJsonPath(ex.Path), "Wrong type, or a number out of range, for this member."));
            }
        }
    }
}
