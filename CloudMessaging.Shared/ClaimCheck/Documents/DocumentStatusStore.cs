using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.ClaimCheck.Documents;

/// <summary>
/// The status records of documents and the receipts of notes, one JSON record per id. Writers replace the whole
/// record; each record expires a day after its last change.
/// </summary>
public sealed class DocumentStatusStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(24);

    private readonly JsonRecords<DocumentStatus> _documents = new(redis, DocumentKey, DocumentJsonContext.Default.DocumentStatus, TimeToLive);

    private readonly JsonRecords<NoteReceipt> _notes = new(redis, NoteKey, DocumentJsonContext.Default.NoteReceipt, TimeToLive);

    public static string DocumentKey(string id) => $"claim-check:document:{id}";

    public static string NoteKey(string id) => $"claim-check:note:{id}";

    public Task SetAsync(DocumentStatus status) => _documents.SetAsync(status.Id, status);

    public Task<DocumentStatus?> GetAsync(string id) => _documents.GetAsync(id);

    public Task DeleteAsync(string id) => _documents.DeleteAsync(id);

    public Task SetAsync(NoteReceipt receipt) => _notes.SetAsync(receipt.Id, receipt);

    public Task<NoteReceipt?> GetNoteAsync(string id) => _notes.GetAsync(id);
}
