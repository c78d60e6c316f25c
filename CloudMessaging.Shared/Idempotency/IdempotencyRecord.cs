using System.Globalization;

namespace CloudMessaging.Shared.Idempotency;

/// <summary>Proof that a message's effect was applied: which replica applied it and when.</summary>
public sealed record IdempotencyRecord(string MessageId, string AppliedBy, DateTimeOffset AppliedAt)
{
    private const char Separator = '|';

    internal string Format() => string.Create(CultureInfo.InvariantCulture, $"{AppliedBy}{Separator}{AppliedAt:O}");

    internal static IdempotencyRecord Parse(string messageId, string value)
    {
        var separator = value.LastIndexOf(Separator);
        return separator < 0
            ? new IdempotencyRecord(messageId, value, DateTimeOffset.MinValue)
            : new IdempotencyRecord(messageId, value[..separator], DateTimeOffset.Parse(value[(separator + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }
}
