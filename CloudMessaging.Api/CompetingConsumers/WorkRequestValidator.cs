using System.Text.RegularExpressions;

namespace CloudMessaging.Api.CompetingConsumers;

/// <summary>Checks work requests; every error names the field it is about.</summary>
public static partial class WorkRequestValidator
{
    public const int MaxBatchCount = 10_000;

    public const int MaxHandlerMilliseconds = 60_000;

    public const int MaxPayloadBytes = 64 * 1024;

    public const int MaxOrderedKeys = 100;

    public const int MaxItemsPerKey = 1_000;

    public static Dictionary<string, string[]> Validate(WorkItemRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is { } id && !IsValidId(id))
        {
            errors["id"] = ["Use 1 to 100 characters: letters, digits, '-', '_', '.' or ':'."];
        }

        ValidateShape(errors, request.HandlerMilliseconds, request.FailureRate, request.PayloadBytes);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(WorkBatchRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Count is not { } count)
        {
            errors["count"] = ["Required."];
        }
        else if (count is < 1 or > MaxBatchCount)
        {
            errors["count"] = [$"Must be between 1 and {MaxBatchCount}."];
        }

        ValidateShape(errors, request.HandlerMilliseconds, request.FailureRate, request.PayloadBytes);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(OrderedWorkRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Keys is not { } keys || keys is < 1 or > MaxOrderedKeys)
        {
            errors["keys"] = [$"Required, between 1 and {MaxOrderedKeys}."];
        }

        if (request.ItemsPerKey is not { } items || items is < 1 or > MaxItemsPerKey)
        {
            errors["itemsPerKey"] = [$"Required, between 1 and {MaxItemsPerKey}."];
        }

        ValidateShape(errors, request.HandlerMilliseconds, failureRate: null, payloadBytes: null);
        return errors;
    }

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    private static void ValidateShape(Dictionary<string, string[]> errors, int? handlerMilliseconds, double? failureRate, int? payloadBytes)
    {
        if (handlerMilliseconds is < 0 or > MaxHandlerMilliseconds)
        {
            errors["handlerMilliseconds"] = [$"Must be between 0 and {MaxHandlerMilliseconds}."];
        }

        if (failureRate is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 1))
        {
            errors["failureRate"] = ["Must be between 0 and 1."];
        }

        if (payloadBytes is < 0 or > MaxPayloadBytes)
        {
            errors["payloadBytes"] = [$"Must be between 0 and {MaxPayloadBytes}."];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex IdPattern();
}
