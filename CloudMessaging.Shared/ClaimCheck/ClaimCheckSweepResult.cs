namespace CloudMessaging.Shared.ClaimCheck;

/// <summary>What one sweep found and did.</summary>
/// <param name="Examined">Blobs listed in the container.</param>
/// <param name="Expired">Blobs older than the retention period.</param>
/// <param name="Referenced">Expired blobs kept because a pending message refers to them.</param>
/// <param name="Deleted">Expired, unreferenced blobs deleted.</param>
public sealed record ClaimCheckSweepResult(int Examined, int Expired, int Referenced, int Deleted)
{
    public static ClaimCheckSweepResult Nothing(int examined) => new(examined, 0, 0, 0);
}
