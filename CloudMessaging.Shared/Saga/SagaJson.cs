using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CloudMessaging.Shared.Saga;

/// <summary>One JSON shape for saga messages, session state and Redis records: web casing, enums as strings.</summary>
public static class SagaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Named, so that a record store can ask these options for a type's metadata (GetTypeInfo).
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static BinaryData Serialize<T>(T value) => BinaryData.FromObjectAsJson(value, Options);

    public static T Deserialize<T>(BinaryData data) =>
        data.ToObjectFromJson<T>(Options) ?? throw new JsonException($"Empty {typeof(T).Name}.");
}
