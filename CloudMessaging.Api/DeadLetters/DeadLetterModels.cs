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

/// <summary>Replays every dead-lettered message (<c>{"all": true}</c>) or the given MessageIds: one of the two, never both.</summary>
public sealed record ReplayRequest(bool? All, IReadOnlyList<string?>? MessageIds);

public sealed record ReplayResult(string Entity, string SentTo, int Replayed, IReadOnlyList<string> ReplayedIds, IReadOnlyList<string> NotFound);
