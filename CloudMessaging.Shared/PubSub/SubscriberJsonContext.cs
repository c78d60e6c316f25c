using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMessaging.Shared.PubSub;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HandledEvent))]
internal sealed partial class SubscriberJsonContext : JsonSerializerContext;
