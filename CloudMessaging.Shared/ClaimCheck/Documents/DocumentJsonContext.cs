using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudMessaging.Shared.ClaimCheck.Documents;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DocumentStatus))]
[JsonSerializable(typeof(NoteReceipt))]
[JsonSerializable(typeof(Note))]
public sealed partial class DocumentJsonContext : JsonSerializerContext;
