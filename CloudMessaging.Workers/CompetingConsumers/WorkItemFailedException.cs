namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>A work item's handler failed; the message is abandoned, or dead-lettered on its last allowed delivery.</summary>
public sealed class WorkItemFailedException(string message) : Exception(message);
