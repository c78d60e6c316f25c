namespace CloudMessaging.Workers.RequestReply;

/// <summary>The result of a <c>report</c> job: statistics over its input values.</summary>
public sealed record ReportResult(int Count, double Sum, double Mean, double Min, double Max, double Median, double StandardDeviation);
