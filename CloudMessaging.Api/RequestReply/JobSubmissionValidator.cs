using System.Security.Cryptography;
using System.Text.Json;
using CloudMessaging.Api.Input;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

/// <summary>Validates a <c>POST /api/jobs</c> body field by field, collecting every error under the field's JSON path.</summary>
internal static class JobSubmissionValidator
{
    public static (JobSubmission? Submission, Dictionary<string, string[]> Errors) Validate(JsonElement body, RequestReplyOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonMembers.RejectUnknown(body, "", errors, "kind", "input", "durationMs", "failure");

        string? kind = null;
        if (!body.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind == JsonValueKind.Null)
        {
            errors["kind"] = [$"Required: one of {string.Join(", ", JobKinds.All)}."];
        }
        else if (kindElement.ValueKind != JsonValueKind.String)
        {
            errors["kind"] = ["Must be a string."];
        }
        else if (!JobKinds.All.Contains(kindElement.GetString()!))
        {
            errors["kind"] = [$"Unknown kind '{kindElement.GetString()}': one of {string.Join(", ", JobKinds.All)}."];
        }
        else
        {
            kind = kindElement.GetString();
        }

        JsonElement? input = body.TryGetProperty("input", out var inputElement) && inputElement.ValueKind != JsonValueKind.Null ? inputElement.Clone() : null;
        if (kind == JobKinds.Report)
        {
            ValidateReportInput(input, errors);
        }

        var durationMs = 0;
        if (body.TryGetProperty("durationMs", out var durationElement) && durationElement.ValueKind != JsonValueKind.Null)
        {
            if (durationElement.ValueKind != JsonValueKind.Number || !durationElement.TryGetInt32(out durationMs) || durationMs < 0 || durationMs > options.MaxDurationMs)
            {
                errors["durationMs"] = [$"Must be an integer from 0 to {options.MaxDurationMs}."];
            }
        }

        var failure = JobFailureMode.None;
        if (body.TryGetProperty("failure", out var failureElement) && failureElement.ValueKind != JsonValueKind.Null)
        {
            if (failureElement.ValueKind != JsonValueKind.String
                || !Enum.TryParse(failureElement.GetString(), ignoreCase: true, out failure)
                || !Enum.IsDefined(failure))
            {
                errors["failure"] = ["Must be one of none, fail, poison."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new JobSubmission(kind!, input, durationMs, failure, Fingerprint(kind!, input, durationMs, failure)), errors);
    }

    private static void ValidateReportInput(JsonElement? input, Dictionary<string, string[]> errors)
    {
        if (input is not { ValueKind: JsonValueKind.Object } inputObject)
        {
            errors["input"] = ["Required for a report: an object with 'values', an array of numbers."];
            return;
        }

        if (!inputObject.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            errors["input.values"] = ["Must be a non-empty array of numbers."];
            return;
        }

        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                errors[$"input.values[{index}]"] = ["Must be a finite number."];
                return;
            }

            index++;
        }
    }

    /// <summary>A hash of the normalized request (whitespace and property order of the body do not matter).</summary>
    private static string Fingerprint(string kind, JsonElement? input, int durationMs, JobFailureMode failure)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            writer.WritePropertyName("input");
            if (input is { } value)
            {
                value.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteNumber("durationMs", durationMs);
            writer.WriteString("failure", failure.ToString());
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }
}
