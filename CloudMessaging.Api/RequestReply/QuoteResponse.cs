using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

/// <summary>A quote request's state: Pending with a link to poll, or Answered with the worker's reply.</summary>
public sealed record QuoteResponse(string Id, string Status, QuoteReply? Quote, string Self);
