using System.Text.Json;

namespace CloudMessaging.Shared.RequestReply;

/// <summary>The body of a job message on the <c>jobs</c> queue (its MessageId is the job id too).</summary>
public sealed record JobMessage(string Id, string Kind, JsonElement? Input, int DurationMs, JobFailureMode Failure);
