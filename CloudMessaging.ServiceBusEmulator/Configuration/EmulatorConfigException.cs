namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>
/// A Config.json the emulator cannot start with. Every problem found is listed, so one edit can fix them all;
/// <see cref="JsonPath"/> and <see cref="Problem"/> describe the first.
/// </summary>
public sealed class EmulatorConfigException : Exception
{
    public EmulatorConfigException(IReadOnlyList<EmulatorConfigError> errors, string? source = null)
        : base(BuildMessage(errors, source))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is needed.", nameof(errors));
        }

        Errors = errors;
        ConfigSource = source;
    }

    /// <summary>JSON path of the first problem, e.g. <c>$.UserConfig.Namespaces[0].Queues[2].Properties.LockDuration</c>.</summary>
    public string JsonPath => Errors[0].JsonPath;

    /// <summary>What is wrong at <see cref="JsonPath"/>.</summary>
    public string Problem => Errors[0].Problem;

    public IReadOnlyList<EmulatorConfigError> Errors { get; }

    /// <summary>The file the configuration came from; null when it was given as text.</summary>
    public string? ConfigSource { get; }

    private static string BuildMessage(IReadOnlyList<EmulatorConfigError> errors, string? source)
    {
        var what = source is null ? "The emulator configuration" : $"The emulator configuration '{source}'";
        return errors.Count == 1
            ? $"{what} is invalid at {errors[0]}"
            : $"{what} has {errors.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => $"  {e}"))}";
    }
}
