namespace CloudMessaging.Shared.RequestReply;

/// <summary>The kinds of job the workers know how to run.</summary>
public static class JobKinds
{
    /// <summary>Statistics over <c>input.values</c> (count, sum, mean, min, max, median, standard deviation).</summary>
    public const string Report = "report";

    /// <summary>Does nothing but go through the whole lifecycle; the benchmark measures the pattern's own overhead with it.</summary>
    public const string NoOp = "noop";

    public static readonly IReadOnlyList<string> All = [Report, NoOp];
}
