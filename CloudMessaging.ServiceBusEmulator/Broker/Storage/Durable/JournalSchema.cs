using Microsoft.Data.Sqlite;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>
/// The tables. Rows are replaced whole, so the schema is the format: a change to it raises
/// <see cref="DataDirectory.FormatVersion"/>. Messages are keyed by <see cref="MessageKey"/>; a row in
/// delivery_counts means the message was locked when last written, with the delivery count that lock took.
/// </summary>
internal static class JournalSchema
{
    private const string CreateTables = """
        CREATE TABLE entities(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, last_sequence INTEGER NOT NULL DEFAULT 0, definition TEXT);
        CREATE TABLE messages(key INTEGER PRIMARY KEY, state INTEGER NOT NULL, enqueued INTEGER NOT NULL, expires INTEGER NOT NULL,
            scheduled INTEGER NOT NULL, delivery_count INTEGER NOT NULL, locked INTEGER NOT NULL, original_sequence INTEGER NOT NULL,
            dead_letter_source TEXT, overrides BLOB, body BLOB NOT NULL);
        CREATE TABLE delivery_counts(key INTEGER PRIMARY KEY, delivery_count INTEGER NOT NULL);
        CREATE TABLE session_states(entity_id INTEGER NOT NULL, session_id TEXT NOT NULL, state BLOB NOT NULL,
            PRIMARY KEY(entity_id, session_id)) WITHOUT ROWID;
        CREATE TABLE duplicates(entity_id INTEGER NOT NULL, message_id TEXT NOT NULL, seen_at INTEGER NOT NULL, forget_at INTEGER NOT NULL,
            PRIMARY KEY(entity_id, message_id)) WITHOUT ROWID;
        CREATE TABLE topic_schedules(entity_id INTEGER NOT NULL, sequence INTEGER NOT NULL, at INTEGER NOT NULL, copies TEXT NOT NULL,
            PRIMARY KEY(entity_id, sequence)) WITHOUT ROWID;
        CREATE TABLE rules(entity_id INTEGER PRIMARY KEY, definitions TEXT NOT NULL);
        """;

    /// <summary>Opens the database, creating the schema in a new one; fails on a database that is not ours.</summary>
    public static SqliteConnection Open(string path, long? maxPageCount)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var applicationId = (int)Scalar(connection, "PRAGMA application_id");
            var version = (int)Scalar(connection, "PRAGMA user_version");
            var tables = Scalar(connection, "SELECT count(*) FROM sqlite_master");
            if (applicationId == 0 && version == 0 && tables == 0)
            {
                Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
                Execute(connection, "PRAGMA journal_mode = WAL;");
                using var transaction = connection.BeginTransaction();
                Execute(connection, CreateTables, transaction);
                Execute(connection, $"PRAGMA application_id = {DataDirectory.ApplicationId}; PRAGMA user_version = {DataDirectory.FormatVersion};", transaction);
                transaction.Commit();
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            else
            {
                DataDirectory.CheckIdentity(path, applicationId, version);
            }

            // WAL with synchronous=FULL: a commit returns once its frames are fsynced; checkpoints keep the log short.
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 8388608;");
            if (maxPageCount is { } pages)
            {
                Execute(connection, $"PRAGMA max_page_count = {pages};");
            }

            return connection;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            connection.Dispose();
            throw new DataDirectoryException($"'{path}' is not an emulator database ({ex.Message}); nothing was changed.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
