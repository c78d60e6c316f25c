using Microsoft.Extensions.Options;

namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>Rejects settings that would make uploads fail half-way or let the sweeper delete live payloads.</summary>
public sealed class ClaimCheckOptionsValidator : IValidateOptions<ClaimCheckOptions>
{
    // A block blob holds at most 50,000 committed blocks.
    private const long MaxBlocksPerBlob = 50_000;

    // Service Bus Standard caps a whole message at 256 KiB; an inline body must leave room for its headers.
    private const int MaxInlineThresholdBytes = 256 * 1024;

    // Azure accepts staged blocks up to 4000 MiB; a buffer that large would defeat the point of streaming.
    private const int MaxBlockSizeBytes = 100 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ClaimCheckOptions options)
    {
        var failures = new List<string>();
        var section = ClaimCheckOptions.SectionName;

        if (!IsValidContainerName(options.ContainerName))
        {
            failures.Add($"{section}:{nameof(options.ContainerName)} '{options.ContainerName}' is not a valid blob container name (3-63 lowercase letters, digits and single hyphens).");
        }

        if (options.InlineThresholdBytes is < 0 or >= MaxInlineThresholdBytes)
        {
            failures.Add($"{section}:{nameof(options.InlineThresholdBytes)} must be between 0 and {MaxInlineThresholdBytes - 1}.");
        }

        if (options.MaxUploadBytes <= 0)
        {
            failures.Add($"{section}:{nameof(options.MaxUploadBytes)} must be positive.");
        }

        if (options.UploadBlockSizeBytes is <= 0 or > MaxBlockSizeBytes)
        {
            failures.Add($"{section}:{nameof(options.UploadBlockSizeBytes)} must be between 1 and {MaxBlockSizeBytes}.");
        }
        else if (options.MaxUploadBytes > 0 && (options.MaxUploadBytes + options.UploadBlockSizeBytes - 1) / options.UploadBlockSizeBytes > MaxBlocksPerBlob)
        {
            failures.Add($"{section}:{nameof(options.UploadBlockSizeBytes)} is too small for {nameof(options.MaxUploadBytes)}: a blob holds at most {MaxBlocksPerBlob} blocks.");
        }

        if (options.UploadConcurrency is < 1 or > 64)
        {
            failures.Add($"{section}:{nameof(options.UploadConcurrency)} must be between 1 and 64.");
        }

        if (options.Retention <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.Retention)} must be positive.");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.SweepInterval)} must be positive.");
        }

        if (options.SweepPeekBatchSize < 1)
        {
            failures.Add($"{section}:{nameof(options.SweepPeekBatchSize)} must be at least 1.");
        }

        for (var i = 0; i < options.SweepEntities.Count; i++)
        {
            if (!ServiceBusEntityPath.TryParse(options.SweepEntities[i], out _))
            {
                failures.Add($"{section}:{nameof(options.SweepEntities)}:{i} '{options.SweepEntities[i]}' is neither a queue name nor '<topic>/subscriptions/<subscription>'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidContainerName(string? name)
    {
        if (name is not { Length: >= 3 and <= 63 })
        {
            return false;
        }

        return IsLowerLetterOrDigit(name[0])
            && IsLowerLetterOrDigit(name[^1])
            && !name.Contains("--", StringComparison.Ordinal)
            && name.All(c => IsLowerLetterOrDigit(c) || c == '-');
    }

    private static bool IsLowerLetterOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
