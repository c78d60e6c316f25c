using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMessaging.Shared.PubSub;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OrderEvent))]
public sealed partial class OrderEventJsonContext : JsonSerializerContext;
