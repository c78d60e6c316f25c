namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>The body of a task message: what to work on and how long the simulated work takes.</summary>
public sealed record TaskWork(string? Payload, int WorkMilliseconds);
