using System.Text.Json;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

/// <summary>Validates a <c>POST /api/quotes</c> body field by field, collecting every error under the field's name.</summary>
internal static class QuoteRequestValidator
{
    private const int MaxDelayMs = 60_000;

    public static (QuoteRequest? Request, Dictionary<string, string[]> Errors) Validate(JsonElement body, string id)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonMembers.RejectUnknown(body, "", errors, "product", "quantity", "delayMs");

        string? product = null;
        if (!body.TryGetProperty("product", out var productElement) || productElement.ValueKind != JsonValueKind.String)
        {
            errors["product"] = [$"Required: a string, one of {string.Join(", ", PriceList.UnitPrices.Keys)}."];
        }
        else if (!PriceList.UnitPrices.ContainsKey(productElement.GetString()!))
        {
            errors["product"] = [$"Unknown product '{productElement.GetString()}': one of {string.Join(", ", PriceList.UnitPrices.Keys)}."];
        }
        else
        {
            product = productElement.GetString();
        }

        var quantity = 0;
        if (!body.TryGetProperty("quantity", out var quantityElement)
            || quantityElement.ValueKind != JsonValueKind.Number
            || !quantityElement.TryGetInt32(out quantity)
            || quantity is < 1 or > 1_000_000)
        {
            errors["quantity"] = ["Required: an integer from 1 to 1000000."];
        }

        var delayMs = 0;
        if (body.TryGetProperty("delayMs", out var delayElement) && delayElement.ValueKind != JsonValueKind.Null
            && (delayElement.ValueKind != JsonValueKind.Number || !delayElement.TryGetInt32(out delayMs) || delayMs is < 0 or > MaxDelayMs))
        {
            errors["delayMs"] = [$"Must be an integer from 0 to {MaxDelayMs}."];
        }

        return (errors.Count == 0 ? new QuoteRequest(id, product!, quantity, delayMs) : null, errors);
    }
}
