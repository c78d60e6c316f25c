namespace CloudMessaging.Shared.PriorityQueue;

/// <summary>
/// One escalator's claim to move task <paramref name="Id"/> from <paramref name="From"/> to <paramref name="To"/>.
/// <paramref name="ClaimId"/> tells it apart from a later claim that took it over after it expired, so an undo only
/// ever undoes its own claim.
/// </summary>
public sealed record EscalationClaim(string Id, TaskPriority From, TaskPriority To, string ClaimId);
