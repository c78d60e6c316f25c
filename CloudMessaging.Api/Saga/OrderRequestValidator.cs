using System.Text.Json;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Api.Saga;

/// <summary>Validates a <c>POST /api/orders</c> body field by field, collecting every error under the field's JSON path.</summary>
internal static class OrderRequestValidator
{
    public const int MaxItems = 50;
    public const int MaxQuantity = 1_000;
    public const decimal MaxAmount = 1_000_000m;

    private static readonly string StepNames = string.Join(", ", Enum.GetNames<SagaStep>().Select(n => n.ToLowerInvariant()));

    public static (OrderRequest? Order, Dictionary<string, string[]> Errors) Validate(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonMembers.RejectUnknown(body, "", errors, "customerId", "items", "amount", "country", "tier", "failAt", "stallAt", "flakyCompensation");

        var customerId = RequiredString(body, "customerId", 64, errors);
        var items = Items(body, errors);
        var amount = Amount(body, errors);
        var country = OptionalString(body, "country", 2, errors) ?? "NL";
        if (!errors.ContainsKey("country") && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            errors["country"] = ["Must be a two-letter ISO 3166 country code, such as NL."];
        }

        var tier = OptionalString(body, "tier", 32, errors) ?? "standard";
        var failAt = Step(body, "failAt", errors);
        var stallAt = Step(body, "stallAt", errors);
        var flakyCompensation = Flag(body, "flakyCompensation", errors);
        if (failAt is not null && failAt == stallAt)
        {
            errors["stallAt"] = ["A step cannot both fail and stall."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new OrderRequest(customerId!, items!, amount, country.ToUpperInvariant(), tier, new SagaSimulation(failAt, stallAt, flakyCompensation)), errors);
    }

    private static List<OrderItem>? Items(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            errors["items"] = [$"Required: a non-empty array of {{ productId, quantity }} (at most {MaxItems})."];
            return null;
        }

        if (array.GetArrayLength() > MaxItems)
        {
            errors["items"] = [$"At most {MaxItems} items."];
            return null;
        }

        var items = new List<OrderItem>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"items[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors[path] = ["Must be an object { productId, quantity }."];
                continue;
            }

            JsonMembers.RejectUnknown(item, path, errors, "productId", "quantity");
            var productId = RequiredString(item, "productId", 64, errors, path + ".productId");
            if (productId is not null && !ProductCatalog.Contains(productId))
            {
                errors[path + ".productId"] = [$"Unknown product '{productId}': one of {string.Join(", ", ProductCatalog.Products.Select(p => p.Id))}."];
            }

            if (!item.TryGetProperty("quantity", out var quantityElement)
                || quantityElement.ValueKind != JsonValueKind.Number
                || !quantityElement.TryGetInt32(out var quantity)
                || quantity is < 1 or > MaxQuantity)
            {
                errors[path + ".quantity"] = [$"Required: an integer from 1 to {MaxQuantity}."];
                continue;
            }

            if (productId is not null)
            {
                items.Add(new OrderItem(productId, quantity));
            }
        }

        return items;
    }

    private static decimal Amount(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("amount", out var element)
            || element.ValueKind != JsonValueKind.Number
            || !element.TryGetDecimal(out var amount)
            || amount <= 0
            || amount > MaxAmount
            || decimal.Round(amount, 2) != amount)
        {
            errors["amount"] = [$"Required: a positive number up to {MaxAmount} with at most two decimals."];
            return 0;
        }

        return amount;
    }

    private static SagaStep? Step(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String
            && Enum.TryParse<SagaStep>(element.GetString(), ignoreCase: true, out var step)
            && Enum.IsDefined(step)
            && !int.TryParse(element.GetString(), out _))
        {
            return step;
        }

        errors[field] = [$"Must be one of {StepNames}."];
        return null;
    }

    private static bool Flag(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        errors[field] = ["Must be true or false."];
        return false;
    }

    private static string? RequiredString(JsonElement body, string field, int maxLength, Dictionary<string, string[]> errors, string? path = null)
    {
        if (!body.TryGetProperty(field, out var element) || element.ValueKind != JsonValueKind.String
            || element.GetString() is not { Length: > 0 } value || string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            errors[path ?? field] = [$"Required: a non-blank string of at most {maxLength} characters."];
            return null;
        }

        return value;
    }

    private static string? OptionalString(JsonElement body, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } value || value.Length > maxLength)
        {
            errors[field] = [$"Must be a string of 1 to {maxLength} characters."];
            return null;
        }

        return value;
    }
}
