namespace CloudMessaging.Shared.RequestReply;

/// <summary>A price quote request sent with ReplyTo/ReplyToSessionId; <see cref="DelayMs"/> simulates a slow backend.</summary>
public sealed record QuoteRequest(string Id, string Product, int Quantity, int DelayMs);
