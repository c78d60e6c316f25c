using System.Globalization;
using System.Text.Json;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

/// <summary>
/// Validates a <c>POST /api/orders/events</c> body: one event (a JSON object) or a batch (a JSON array of them). Every
/// error is collected under the field's JSON path (<c>data.total</c>, or <c>[3].data.total</c> in a batch), and an
/// event is built only when the whole body is valid, so a bad batch publishes nothing.
/// </summary>
internal static class OrderEventRequestValidator
{
    public const int MaxBatchSize = 500;

    public const string DefaultSource = "/api/orders/events";

    private const int MaxIdLength = 128;

    private const int MaxTextLength = 256;

    private const decimal MaxTotal = 1_000_000_000m;

    public static (IReadOnlyList<OrderEvent> Events, Dictionary<string, string[]> Errors) Validate(JsonElement body, TimeProvider timeProvider)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var events = new List<OrderEvent>();
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                if (ParseEvent(body, string.Empty, errors, timeProvider) is { } single)
                {
                    events.Add(single);
                }

                break;

            case JsonValueKind.Array:
                var count = body.GetArrayLength();
                if (count is 0 or > MaxBatchSize)
                {
                    errors["body"] = [$"A batch holds 1 to {MaxBatchSize} events; this one holds {count}."];
                    break;
                }

                var index = 0;
                foreach (var item in body.EnumerateArray())
                {
                    var prefix = $"[{index++}].";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors[prefix.TrimEnd('.')] = ["Must be an event object."];
                    }
                    else if (ParseEvent(item, prefix, errors, timeProvider) is { } parsed)
                    {
                        events.Add(parsed);
                    }
                }

                RejectRepeatedIds(events, errors);
                break;

            default:
                errors["body"] = ["Must be an event object or an array of event objects."];
                break;
        }

        return errors.Count > 0 ? ([], errors) : (events, errors);
    }

    private static OrderEvent? ParseEvent(JsonElement item, string prefix, Dictionary<string, string[]> errors, TimeProvider timeProvider)
    {
        var errorsBefore = errors.Count;
        JsonMembers.RejectUnknown(item, prefix.TrimEnd('.'), errors, "id", "type", "source", "time", "data");

        var id = OptionalText(item, "id", prefix, errors, MaxIdLength, visibleAsciiOnly: true) ?? Guid.NewGuid().ToString("N");
        var type = RequiredText(item, "type", prefix, errors, MaxTextLength);
        if (type is not null && !OrderEventTypes.IsKnown(type))
        {
            errors[prefix + "type"] = [$"Unknown event type '{type}': one of {string.Join(", ", OrderEventTypes.All)}."];
        }

        var source = OptionalText(item, "source", prefix, errors, MaxTextLength, visibleAsciiOnly: false) ?? DefaultSource;
        var time = OptionalTime(item, prefix, errors) ?? timeProvider.GetUtcNow();

        OrderEventData? data = null;
        if (!item.TryGetProperty("data", out var dataElement) || dataElement.ValueKind == JsonValueKind.Null)
        {
            errors[prefix + "data"] = ["Required: an object with orderId, customerId, total, country and customerTier."];
        }
        else if (dataElement.ValueKind != JsonValueKind.Object)
        {
            errors[prefix + "data"] = ["Must be an object."];
        }
        else
        {
            data = ParseData(dataElement, prefix + "data.", type, errors);
        }

        return errors.Count == errorsBefore ? new OrderEvent(id, source, type!, time, data!.OrderId, data) : null;
    }

    private static OrderEventData? ParseData(JsonElement data, string prefix, string? type, Dictionary<string, string[]> errors)
    {
        JsonMembers.RejectUnknown(data, prefix.TrimEnd('.'), errors, "orderId", "customerId", "total", "country", "customerTier", "reason");
        var orderId = RequiredText(data, "orderId", prefix, errors, MaxIdLength, visibleAsciiOnly: true);
        var customerId = RequiredText(data, "customerId", prefix, errors, MaxIdLength, visibleAsciiOnly: true);

        decimal total = 0;
        if (!data.TryGetProperty("total", out var totalElement) || totalElement.ValueKind == JsonValueKind.Null)
        {
            errors[prefix + "total"] = ["Required: the order total, a number."];
        }
        else if (totalElement.ValueKind != JsonValueKind.Number || !totalElement.TryGetDecimal(out total) || total < 0 || total > MaxTotal)
        {
            errors[prefix + "total"] = [string.Create(CultureInfo.InvariantCulture, $"Must be a number from 0 to {MaxTotal:N0}.")];
        }

        var country = RequiredText(data, "country", prefix, errors, MaxTextLength);
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            errors[prefix + "country"] = ["Must be a two-letter ISO 3166 country code, such as NL."];
        }

        var tier = RequiredText(data, "customerTier", prefix, errors, MaxTextLength);
        var knownTier = CustomerTiers.All.FirstOrDefault(t => string.Equals(t, tier, StringComparison.OrdinalIgnoreCase));
        if (tier is not null && knownTier is null)
        {
            errors[prefix + "customerTier"] = [$"Unknown tier '{tier}': one of {string.Join(", ", CustomerTiers.All)}."];
        }

        var reason = OptionalText(data, "reason", prefix, errors, MaxTextLength, visibleAsciiOnly: false);
        if (type == OrderEventTypes.OrderCancelled && reason is null && !errors.ContainsKey(prefix + "reason"))
        {
            errors[prefix + "reason"] = ["Required for OrderCancelled: why the order was cancelled."];
        }

        return orderId is null || customerId is null || country is null || knownTier is null
            ? null
            : new OrderEventData(orderId, customerId, total, country.ToUpperInvariant(), knownTier, reason);
    }

    private static string? RequiredText(
        JsonElement parent, string name, string prefix, Dictionary<string, string[]> errors, int maxLength, bool visibleAsciiOnly = false)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors[prefix + name] = ["Required."];
            return null;
        }

        return Text(element, name, prefix, errors, maxLength, visibleAsciiOnly);
    }

    private static string? OptionalText(
        JsonElement parent, string name, string prefix, Dictionary<string, string[]> errors, int maxLength, bool visibleAsciiOnly) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? Text(element, name, prefix, errors, maxLength, visibleAsciiOnly)
            : null;

    private static string? Text(JsonElement element, string name, string prefix, Dictionary<string, string[]> errors, int maxLength, bool visibleAsciiOnly)
    {
        var value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            errors[prefix + name] = [$"Must be a non-empty string of at most {maxLength} characters."];
            return null;
        }

        if (visibleAsciiOnly && value.Any(c => c is < '!' or > '~'))
        {
            errors[prefix + name] = ["Must be visible ASCII characters only (no spaces)."];
            return null;
        }

        return value;
    }

    private static DateTimeOffset? OptionalTime(JsonElement item, string prefix, Dictionary<string, string[]> errors)
    {
        if (!item.TryGetProperty("time", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && element.TryGetDateTimeOffset(out var time))
        {
            return time.ToUniversalTime();
        }

        errors[prefix + "time"] = ["Must be an RFC 3339 timestamp, such as 2026-01-31T12:00:00Z."];
        return null;
    }

    /// <summary>The topic would drop a repeated id as a duplicate; inside one batch that is a mistake, not a retry.</summary>
    private static void RejectRepeatedIds(List<OrderEvent> events, Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            return;
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < events.Count; index++)
        {
            if (!firstIndex.TryAdd(events[index].Id, index))
            {
                errors[$"[{index}].id"] = [$"Repeats the id of event [{firstIndex[events[index].Id]}]; each event in a batch needs its own id."];
            }
        }
    }
}
