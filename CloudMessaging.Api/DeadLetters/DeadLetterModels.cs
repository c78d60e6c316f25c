namespace CloudMessaging.Api.DeadLetters;

/// <summary>A message in a dead-letter queue, as peeked (not locked, not removed).</summary>
public sealed record DeadLetteredMessage(
    string MessageId,
    long SequenceNumber,
    string? Reason,
    string? Description,
    int DeliveryCount,
    DateTimeOffset EnqueuedTime,
    string? SessionId,
    string? Subject,
    int ReplayCount);

public sealed record DeadLetterList(string Entity, int Count, IReadOnlyList<DeadLetteredMessage> Messages);

/// <summary>Replays the given MessageIds, or every dead-lettered message when none are given.</summary>
public sealed record ReplayRequest(IReadOnlyList<string>? MessageIds);

public sealed record ReplayResult(string Entity, string SentTo, int Replayed, IReadOnlyList<string> ReplayedIds, IReadOnlyList<string> NotFound);
