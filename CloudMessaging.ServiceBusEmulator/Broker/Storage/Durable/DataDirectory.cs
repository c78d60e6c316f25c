using System.Buffers.Binary;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>
/// The directory a durable namespace lives in: <c>emulator.db</c> (SQLite, WAL mode) with its <c>-wal</c> and
/// <c>-shm</c> files and <c>emulator.lock</c>, held while the emulator runs. Checked before anything is opened for
/// writing, so a directory that is not ours, or from another format version, is left exactly as it was.
/// </summary>
internal static class DataDirectory
{
    public const string DatabaseFileName = "emulator.db";
    public const string LockFileName = "emulator.lock";

    /// <summary>"SBEU" in SQLite's application_id header field: the file is an emulator's.</summary>
    public const int ApplicationId = 0x53424555;

    /// <summary>The storage format this build reads and writes (SQLite's user_version header field).</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Creates the directory when missing and takes its lock; returns the database path.</summary>
    /// <exception cref="DataDirectoryException">The directory is not an emulator's, is from another version, or is in use.</exception>
    public static (string DatabasePath, FileStream Lock) Claim(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new DataDirectoryException($"The data directory '{full}' is a file, not a directory.");
        }

        Directory.CreateDirectory(full);
        var database = Path.Combine(full, DatabaseFileName);
        if (File.Exists(database))
        {
            CheckHeader(database);
        }
        else if (Directory.EnumerateFileSystemEntries(full).Any(entry => Path.GetFileName(entry) != LockFileName))
        {
            throw new DataDirectoryException(
                $"'{full}' is not an emulator data directory: it is not empty and has no {DatabaseFileName}. Choose an empty or new directory.");
        }

        try
        {
            var lockFile = new FileStream(Path.Combine(full, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return (database, lockFile);
        }
        catch (IOException ex)
        {
            throw new DataDirectoryException($"The data directory '{full}' is in use by another emulator.", ex);
        }
    }

    /// <summary>Fails when the stored header says the file is not ours or not of this format; never writes.</summary>
    public static void CheckIdentity(string database, int applicationId, int formatVersion)
    {
        if (applicationId != ApplicationId)
        {
            throw new DataDirectoryException($"'{database}' is a SQLite database but not an emulator's (application id {applicationId:X8}); nothing was changed.");
        }

        if (formatVersion != FormatVersion)
        {
            throw new DataDirectoryException(
                $"'{database}' was written by an incompatible emulator version (storage format {formatVersion}; this emulator reads format {FormatVersion}); nothing was changed.");
        }
    }

    private static void CheckHeader(string database)
    {
        var header = new byte[100];
        int read;
        using (var file = new FileStream(database, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read == 0)
        {
            return; // Created and never written: the write-ahead log, if any, holds everything.
        }

        if (read < header.Length || !header.AsSpan(0, SqliteMagic.Length).SequenceEqual(SqliteMagic))
        {
            throw new DataDirectoryException($"'{database}' is not an emulator database (not a SQLite file); nothing was changed.");
        }

        CheckIdentity(database, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(68)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(60)));
    }
}
