namespace CloudMessaging.Workers.RequestReply;

/// <summary>The job itself failed (bad data, a business rule): retrying would fail again, so it ends Failed at once.</summary>
public sealed class JobFailedException(string message) : Exception(message);
