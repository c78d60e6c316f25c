using System.Text;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;
using CloudMessaging.ServiceBusEmulator.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Tests.Durability;

/// <summary>The journal in-process: what is kept across a restart, a torn last write, a full disk, directories that are not ours.</summary>
public sealed class JournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sbemulator-journal-").FullName;
    private readonly CapturingLoggerFactory _logs = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_torn_last_write_is_dropped_with_a_log_line_and_everything_before_it_is_kept()
    {
        var original = Path.Combine(_directory, "original");
        await using (var emulator = await StartAsync(original, compact: false))
        {
            await using var client = new ServiceBusClient(emulator.ConnectionString);
            await using var sender = client.CreateSender("q");
            await sender.SendMessageAsync(new ServiceBusMessage("kept"));
            await sender.SendMessageAsync(new ServiceBusMessage("torn"));

            // A copy taken while the emulator runs is what a crash leaves; cutting its log's end tears the last commit.
            var copy = Directory.CreateDirectory(Path.Combine(_directory, "copy")).FullName;
            foreach (var name in new[] { "emulator.db", "emulator.db-wal" })
            {
                File.Copy(Path.Combine(original, name), Path.Combine(copy, name));
            }

            var wal = Path.Combine(copy, "emulator.db-wal");
            using (var file = new FileStream(wal, FileMode.Open))
            {
                file.SetLength(file.Length - 100);
            }
        }

        await using (var restarted = await StartAsync(Path.Combine(_directory, "copy")))
        {
            await using var client = new ServiceBusClient(restarted.ConnectionString);
            await using var receiver = client.CreateReceiver("q");
            var messages = await receiver.PeekMessagesAsync(10);
            Assert.Equal(["kept"], messages.Select(m => m.Body.ToString()));
        }

        Assert.Contains(_logs.Lines, line => line.StartsWith("Dropped ", StringComparison.Ordinal) && line.Contains("never completed"));
    }

    [Fact]
    public async Task A_full_disk_fails_the_send_with_QuotaExceeded_and_loses_nothing_acknowledged()
    {
        var acknowledged = new List<string>();
        await using (var emulator = await StartAsync(_directory, maxPages: 60))
        {
            await using var client = new ServiceBusClient(emulator.ConnectionString, new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0 } });
            await using var sender = client.CreateSender("q");
            var body = new string('x', 8000);
            var failure = await Assert.ThrowsAsync<ServiceBusException>(async () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    await sender.SendMessageAsync(new ServiceBusMessage(body) { MessageId = $"m{i}" });
                    acknowledged.Add($"m{i}");
                }
            });
            Assert.Equal(ServiceBusFailureReason.QuotaExceeded, failure.Reason);
            Assert.Contains("data directory is full", failure.Message);
        }

        Assert.NotEmpty(acknowledged);
        await using var restarted = await StartAsync(_directory);
        await using var restartedClient = new ServiceBusClient(restarted.ConnectionString);
        await using var receiver = restartedClient.CreateReceiver("q");
        var kept = await receiver.PeekMessagesAsync(2000);
        Assert.Empty(acknowledged.Except(kept.Select(m => m.MessageId)));
    }

    [Fact]
    public async Task A_directory_that_is_not_an_emulators_stops_start_up_and_is_left_alone()
    {
        var notes = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(notes, "mine");

        var error = await Assert.ThrowsAsync<DataDirectoryException>(() => StartAsync(_directory));

        Assert.Contains("is not an emulator data directory", error.Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_database_of_another_format_version_stops_start_up_and_is_not_changed()
    {
        await (await StartAsync(_directory)).DisposeAsync();
        var database = Path.Combine(_directory, "emulator.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(database);
        var error = await Assert.ThrowsAsync<DataDirectoryException>(() => StartAsync(_directory));

        Assert.Contains("incompatible emulator version (storage format 99", error.Message);
        Assert.Equal(before, File.ReadAllBytes(database));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_stops_start_up_and_is_not_changed()
    {
        var database = Path.Combine(_directory, "emulator.db");
        var content = Encoding.UTF8.GetBytes(new string('z', 4096));
        File.WriteAllBytes(database, content);

        var error = await Assert.ThrowsAsync<DataDirectoryException>(() => StartAsync(_directory));

        Assert.Contains("not a SQLite file", error.Message);
        Assert.Equal(content, File.ReadAllBytes(database));
    }

    private Task<ServiceBusEmulator> StartAsync(string directory, bool compact = true, long? maxPages = null) =>
        ServiceBusEmulator.StartAsync(new ServiceBusEmulatorOptions
        {
            Port = 0,
            Topology = new EmulatorTopology { Queues = [new QueueDefinition { Name = "q" }] },
            DataDirectory = directory,
            CompactData = compact,
            MaxDataPages = maxPages,
            LoggerFactory = _logs,
        });
}
