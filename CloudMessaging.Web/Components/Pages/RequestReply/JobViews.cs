using System.Text.Json;

namespace CloudMessaging.Web.Components.Pages.RequestReply;

/// <summary>The body of <c>POST /api/jobs</c>; <c>input</c> only for a report.</summary>
public sealed record JobRequest(string Kind, int DurationMs, string Failure, JobInput? Input);

public sealed record JobInput(double[] Values);

/// <summary>A job's status as the API (and its event stream) reports it.</summary>
public sealed record JobStatusView(string Id, string Kind, string Status, int Progress, long Version, string? Replica, int Attempts, JobProblemView? Problem)
{
    public bool IsFinal => Status is "Succeeded" or "Failed" or "Cancelled";
}

public sealed record JobProblemView(string Title, string? Detail);

/// <summary><c>GET /api/jobs/{id}/result</c>.</summary>
public sealed record JobResultView(string Id, string Kind, DateTimeOffset? CompletedAt, string? Replica, JsonElement Result);

/// <summary>The body of <c>POST /api/quotes</c>.</summary>
public sealed record QuoteRequestBody(string Product, int Quantity, int DelayMs);

/// <summary><c>POST /api/quotes</c> and <c>GET /api/quotes/{id}</c>: Pending, or Answered with the worker's reply.</summary>
public sealed record QuoteView(string Id, string Status, QuoteReplyView? Quote, string Self);

public sealed record QuoteReplyView(string Id, string Product, int Quantity, decimal UnitPrice, decimal DiscountPercent, decimal Total, string QuotedBy, DateTimeOffset QuotedAt);
