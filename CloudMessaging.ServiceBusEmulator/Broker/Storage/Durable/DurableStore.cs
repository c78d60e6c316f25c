using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>
/// A namespace kept on disk: the data directory's SQLite database, the group-commit log that writes to it, and the
/// storage ids of the entities. Opened before the namespace is built, read back once (<see cref="NamespaceRecovery"/>),
/// then written by the commit thread only.
/// </summary>
internal sealed partial class DurableStore : IDisposable
{
    private const int SqliteFull = 13;

    private readonly Dictionary<string, int> _entityIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly SqliteConnection _connection;
    private readonly FileStream _directoryLock;
    private readonly BatchWriter _writer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _started;

    private DurableStore(string databasePath, SqliteConnection connection, FileStream directoryLock, TimeProvider time, ILogger logger, bool compact)
    {
        DatabasePath = databasePath;
        _connection = connection;
        _directoryLock = directoryLock;
        _time = time;
        _logger = logger;
        _writer = new BatchWriter(connection);
        Log = new GroupCommitLog(_writer.Write, compact ? Compact : () => { }, logger) { DescribeFailure = Describe };
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name FROM entities";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _entityIds[reader.GetString(1)] = reader.GetInt32(0);
        }
    }

    public string DatabasePath { get; }

    public GroupCommitLog Log { get; }

    internal SqliteConnection Connection => _connection;

    internal ILogger Logger => _logger;

    /// <param name="maxPageCount">Caps the database (in 4 KB pages), so tests can fill the "disk".</param>
    /// <param name="compact">False leaves the write-ahead log as written, so tests can tear it.</param>
    /// <exception cref="DataDirectoryException">The directory cannot be used; nothing in it was changed.</exception>
    public static DurableStore Open(string directory, TimeProvider time, ILogger logger, long? maxPageCount = null, bool compact = true)
    {
        var (databasePath, directoryLock) = DataDirectory.Claim(directory);
        try
        {
            TornWriteCheck.Report(databasePath, logger);
            var connection = JournalSchema.Open(databasePath, maxPageCount);
            LogOpened(logger, databasePath);
            return new DurableStore(databasePath, connection, directoryLock, time, logger, compact);
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    public IEntityJournal JournalFor(string entityName) => new EntityJournal(this, EntityIdOf(entityName));

    /// <summary>The entity's storage id; a new entity gets the next one, recorded with the next commit.</summary>
    public int EntityIdOf(string entityName)
    {
        lock (_entityIds)
        {
            if (!_entityIds.TryGetValue(entityName, out var id))
            {
                id = _entityIds.Count == 0 ? 1 : _entityIds.Values.Max() + 1;
                _entityIds[entityName] = id;
                Log.Append(new EntityRegistered(id, entityName));
            }

            return id;
        }
    }

    /// <summary>The administration API created or changed <paramref name="entityName"/>; recorded with the next commit.</summary>
    public void Define(string entityName, string definition) => Log.Append(new EntityDefined(EntityIdOf(entityName), definition));

    /// <summary>
    /// Deletes what <paramref name="entityName"/> keeps; <paramref name="tombstone"/> is the definition that says it is
    /// gone (null when only its data goes). Its storage id stays, for an entity created again under the name.
    /// </summary>
    public void Delete(string entityName, string? tombstone) => Log.Append(new EntityDeleted(EntityIdOf(entityName), tombstone));

    /// <summary>The definitions the administration API left, by entity name; read before <see cref="Start"/>.</summary>
    public IReadOnlyDictionary<string, string> ReadDefinitions()
    {
        var definitions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name, definition FROM entities WHERE definition IS NOT NULL";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            definitions[reader.GetString(0)] = reader.GetString(1);
        }

        return definitions;
    }

    /// <summary>Starts the commit thread, once recovery has read what it needs.</summary>
    public void Start()
    {
        _started = true;
        Log.Start();
    }

    public void Dispose()
    {
        if (_started)
        {
            Log.Dispose();
        }

        _writer.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        _directoryLock.Dispose();
    }

    private static Exception Describe(Exception failure) => failure is SqliteException { SqliteErrorCode: SqliteFull }
        ? new BrokerException(BrokerError.StorageFull, "The emulator's data directory is full; the change was not stored. Free disk space and retry.")
        : new BrokerException(BrokerError.StorageFailed, "The emulator could not write its data directory: " + failure.Message);

    // Runs on the commit thread: forgets expired duplicate ids, returns free pages to the file system and empties the log.
    private void Compact()
    {
        using var transaction = _connection.BeginTransaction();
        using (var command = _connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM duplicates WHERE forget_at < $now";
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        JournalSchema.Execute(_connection, "PRAGMA incremental_vacuum;");
        JournalSchema.Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable namespace: data in {Path}.")]
    private static partial void LogOpened(ILogger logger, string path);
}
