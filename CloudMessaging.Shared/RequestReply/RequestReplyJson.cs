using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMessaging.Shared.RequestReply;

/// <summary>One JSON shape for messages, Redis values and events: web casing, enums as strings.</summary>
public static class RequestReplyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
