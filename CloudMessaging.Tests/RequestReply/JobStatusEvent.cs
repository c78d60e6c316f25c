namespace CloudMessaging.Tests.RequestReply;

/// <summary>One Server-Sent Event of a job's stream: its id (the status version), its type and the status it carries.</summary>
internal sealed record JobStatusEvent(string? Id, string Type, JobStatusDto Data);
