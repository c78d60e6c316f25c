using System.Text.Json;
using CloudMessaging.Shared.RequestReply;

namespace CloudMessaging.Api.RequestReply;

/// <summary>A validated <c>POST /api/jobs</c> body; <see cref="Fingerprint"/> identifies it for Idempotency-Key checks.</summary>
public sealed record JobSubmission(string Kind, JsonElement? Input, int DurationMs, JobFailureMode Failure, string Fingerprint)
{
    public JobMessage ToMessage(string id) => new(id, Kind, Input, DurationMs, Failure);
}
