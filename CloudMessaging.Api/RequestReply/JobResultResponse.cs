using System.Text.Json;

namespace CloudMessaging.Api.RequestReply;

public sealed record JobResultResponse(string Id, string Kind, DateTimeOffset? CompletedAt, string? Replica, JsonElement Result);
