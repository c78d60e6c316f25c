using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>
/// Group commit: records appended by any thread join the open batch; one commit thread writes the whole batch as one
/// transaction and completes its task, while the next batch fills. Writers that arrive during an fsync share the next
/// one, so throughput grows with concurrency instead of being one fsync per call. A batch that fails to commit fails
/// the calls waiting for it; it is dropped (none of it was acknowledged), except entity registrations, kept for the next.
/// </summary>
internal sealed partial class GroupCommitLog : IDisposable
{
    private static readonly TimeSpan IdleMaintenance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BusyMaintenance = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Action<IReadOnlyList<JournalRecord>> _write;
    private readonly Action _maintain;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private List<JournalRecord> _open = [];
    private TaskCompletionSource _openCommit = NewCommit();
    private bool _idle;
    private bool _stopping;
    private bool _dirty;
    private long _lastMaintenance = Environment.TickCount64;

    /// <param name="write">Writes and commits one batch; throws when it could not.</param>
    /// <param name="maintain">Compaction, run when idle or now and then under load.</param>
    public GroupCommitLog(Action<IReadOnlyList<JournalRecord>> write, Action maintain, ILogger logger)
    {
        _write = write;
        _maintain = maintain;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "sbemulator-journal" };
    }

    /// <summary>Maps a failed commit to what the caller's client is told.</summary>
    public Func<Exception, Exception> DescribeFailure { get; init; } = ex => ex;

    public void Start() => _thread.Start();

    public void Append(JournalRecord record)
    {
        Task commit;
        var wake = false;
        lock (_gate)
        {
            _open.Add(record);
            commit = _openCommit.Task;
            if (_idle)
            {
                _idle = false;
                wake = true;
            }
        }

        if (wake)
        {
            _wake.Release();
        }

        DurableWrites.Note(commit);
    }

    /// <summary>Commits what is queued and stops the commit thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            _idle = false;
        }

        _wake.Release();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _wake.Dispose();
    }

    private static TaskCompletionSource NewCommit() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Run()
    {
        while (true)
        {
            List<JournalRecord>? records = null;
            TaskCompletionSource? commit = null;
            lock (_gate)
            {
                if (_open.Count > 0)
                {
                    (records, _open) = (_open, []);
                    (commit, _openCommit) = (_openCommit, NewCommit());
                }
                else if (_stopping)
                {
                    return;
                }
                else
                {
                    _idle = true;
                }
            }

            if (records is null)
            {
                if (!_wake.Wait(IdleMaintenance) && _dirty)
                {
                    Maintain();
                }

                continue;
            }

            Commit(records, commit!);
            if (Environment.TickCount64 - _lastMaintenance > BusyMaintenance.TotalMilliseconds)
            {
                Maintain();
            }
        }
    }

    private void Commit(List<JournalRecord> records, TaskCompletionSource commit)
    {
        try
        {
            _write(records);
            _dirty = true;
            commit.SetResult();
        }
        catch (Exception ex)
        {
            LogCommitFailed(ex, records.Count);
            var kept = records.OfType<EntityRegistered>().ToList();
            if (kept.Count > 0)
            {
                lock (_gate)
                {
                    _open.InsertRange(0, kept);
                }
            }

            commit.SetException(DescribeFailure(ex));
        }
    }

    private void Maintain()
    {
        _lastMaintenance = Environment.TickCount64;
        _dirty = false;
        try
        {
            _maintain();
        }
        catch (Exception ex)
        {
            LogMaintenanceFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A journal commit of {Count} change(s) failed; the calls waiting for it were told so.")]
    private partial void LogCommitFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compacting the data directory failed; it will be tried again.")]
    private partial void LogMaintenanceFailed(Exception exception);
}
