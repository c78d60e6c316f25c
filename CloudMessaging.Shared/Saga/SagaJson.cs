using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMessaging.Shared.Saga;

/// <summary>One JSON shape for saga messages, session state and Redis records: web casing, enums as strings.</summary>
public static class SagaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static BinaryData Serialize<T>(T value) => BinaryData.FromObjectAsJson(value, Options);

    public static T Deserialize<T>(BinaryData data) =>
        data.ToObjectFromJson<T>(Options) ?? throw new JsonException($"Empty {typeof(T).Name}.");
}
