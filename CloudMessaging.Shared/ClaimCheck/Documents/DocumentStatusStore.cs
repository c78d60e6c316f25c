using System.Text.Json;
using StackExchange.Redis;

namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>
/// The status records of documents and the receipts of notes, one Redis string of JSON per id. Writers replace
/// the whole record; each record expires a day after its last change.
/// </summary>
public sealed class DocumentStatusStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(24);

    public static string DocumentKey(string id) => $"claim-check:document:{id}";

    public static string NoteKey(string id) => $"claim-check:note:{id}";

    public Task SetAsync(DocumentStatus status) =>
        redis.GetDatabase().StringSetAsync(DocumentKey(status.Id), JsonSerializer.Serialize(status, DocumentJsonContext.Default.DocumentStatus), TimeToLive);

    public async Task<DocumentStatus?> GetAsync(string id)
    {
        var value = await redis.GetDatabase().StringGetAsync(DocumentKey(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, DocumentJsonContext.Default.DocumentStatus);
    }

    public Task DeleteAsync(string id) => redis.GetDatabase().KeyDeleteAsync(DocumentKey(id));

    public Task SetAsync(NoteReceipt receipt) =>
        redis.GetDatabase().StringSetAsync(NoteKey(receipt.Id), JsonSerializer.Serialize(receipt, DocumentJsonContext.Default.NoteReceipt), TimeToLive);

    public async Task<NoteReceipt?> GetNoteAsync(string id)
    {
        var value = await redis.GetDatabase().StringGetAsync(NoteKey(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, DocumentJsonContext.Default.NoteReceipt);
    }
}
