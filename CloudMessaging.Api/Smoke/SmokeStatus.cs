namespace CloudMessaging.Api.Smoke;

public sealed record SmokeStatus(string Id, string Status, string? HandledBy, DateTimeOffset? HandledAt)
{
    public static SmokeStatus Pending(string id) => new(id, "Pending", null, null);
}
