using CloudMessaging.Api.Input;

namespace CloudMessaging.Api.DeadLetters;

/// <summary>
/// A replay says exactly what it replays: <c>{"all": true}</c> for the whole dead-letter queue, or
/// <c>{"messageIds": [...]}</c> for those messages. Anything else is refused, so a typo never re-drives a whole queue.
/// </summary>
public static class ReplayRequestValidator
{
    public const int MaxMessageIds = 1_000;

    /// <summary>A Service Bus MessageId is at most 128 characters.</summary>
    public const int MaxMessageIdLength = 128;

    public const int MaxRequestBytes = 256 * 1024;

    /// <summary>The ids to replay, null for every message, or the errors when the request says neither (or both).</summary>
    public static (IReadOnlyList<string>? MessageIds, Dictionary<string, string[]> Errors) Validate(ReplayRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        switch (request)
        {
            case { All: true, MessageIds: null }:
                return (null, errors);

            case { All: not null, MessageIds: not null }:
                errors["body"] = ["Give either \"all\": true or \"messageIds\", not both."];
                break;

            case { All: false }:
                errors["all"] = ["Must be true to replay every dead-lettered message; give messageIds to replay some."];
                break;

            case { MessageIds: null }:
                errors["body"] = ["Say what to replay: {\"all\": true} for every dead-lettered message, or {\"messageIds\": [...]}."];
                break;

            case { MessageIds: { Count: 0 or > MaxMessageIds } ids }:
                errors["messageIds"] = [$"Give 1 to {MaxMessageIds} ids; got {ids.Count}."];
                break;

            case { MessageIds: { } ids }:
                for (var index = 0; index < ids.Count; index++)
                {
                    if (ids[index] is not { Length: > 0 and <= MaxMessageIdLength } id || string.IsNullOrWhiteSpace(id) || id.Any(char.IsControl))
                    {
                        errors[$"messageIds[{index}]"] = [$"Must be a MessageId: 1 to {MaxMessageIdLength} characters, not blank, no control characters."];
                    }
                }

                break;
        }

        return (errors.Count == 0 ? [.. request.MessageIds!.Select(id => id!)] : null, errors);
    }
}
