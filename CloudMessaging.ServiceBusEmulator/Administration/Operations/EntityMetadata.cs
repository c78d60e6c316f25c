namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>What the administration API keeps about an entity beyond the broker's settings.</summary>
internal sealed record EntityMetadata
{
    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string? UserMetadata { get; init; }

    /// <summary>A client-side batching hint on the service; stored and reported, nothing to change here.</summary>
    public bool EnableBatchedOperations { get; init; } = true;

    /// <summary>TimeSpan.MaxValue: never deleted for being idle.</summary>
    public TimeSpan AutoDeleteOnIdle { get; init; } = TimeSpan.MaxValue;
}
