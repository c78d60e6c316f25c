using System.Text.Json.Serialization;

namespace CloudMessaging.ServiceBusEmulator.Administration.Durability;

[JsonSerializable(typeof(StoredEntity))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class StoredEntityJson : JsonSerializerContext;
