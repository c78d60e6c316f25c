namespace CloudMessaging.Shared.Smoke;

/// <summary>The Redis hash a worker writes when it handles a smoke message, and the API reads back.</summary>
public static class SmokeRecord
{
    public const string ReplicaField = "replica";

    public const string HandledAtField = "handledAt";

    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public static string Key(string id) => $"smoke:{id}";
}
