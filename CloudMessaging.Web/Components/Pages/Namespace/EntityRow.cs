namespace CloudMessaging.Web.Components.Pages.Namespace;

/// <summary>One queue, topic or subscription with its runtime counts (the administration API's runtime properties).</summary>
/// <param name="Path">The queue or topic name, or <c>topic/subscriptions/name</c>.</param>
public sealed record EntityRow(string Path, EntityKind Kind, long Active, long Scheduled, long DeadLetter, long SizeInBytes, string? Status)
{
    /// <summary>Where the API's dead-letter endpoints (<c>/api/deadletters/...</c>) find this entity; topics have none.</summary>
    public string? DeadLetterRoute => Kind == EntityKind.Topic ? null : $"/api/deadletters/{Path}";
}
