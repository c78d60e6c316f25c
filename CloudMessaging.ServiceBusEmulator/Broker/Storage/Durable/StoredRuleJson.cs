using System.Text.Json.Serialization;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

[JsonSerializable(typeof(List<StoredRule>))]
internal sealed partial class StoredRuleJson : JsonSerializerContext;
