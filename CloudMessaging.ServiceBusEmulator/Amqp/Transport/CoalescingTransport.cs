using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Transport;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Transport;

/// <summary>
/// Coalesces what a connection sends while it handles a burst of incoming frames. The library writes every frame
/// with a socket call of its own as long as the previous write has completed, which on loopback it always has: a
/// pump pass of 100 deliveries made 100 sends, and each woke the client. Here, while the thread that reads this
/// connection is handling the frames that arrived (credit, settlements, sends), the first write is held back and
/// reported pending, so the library queues the frames after it; when the socket has nothing more to read (or a
/// burst runs long) the held write goes out and the library sends its whole queue in one call. Work asked to run
/// "once the burst is handled" (<see cref="TryRunAtBurstEnd"/>) runs just before that, on the same thread.
/// Writes from other threads and outside bursts go straight through.
/// </summary>
internal sealed class CoalescingTransport : TransportBase
{
    // Reads (two per frame at most: its size, then its body) after which a long burst sends what it held so far.
    private const int ReadsPerFlush = 128;

    [ThreadStatic]
    private static CoalescingTransport? t_reading;

    private readonly TransportBase _inner;
    private readonly TransportAsyncCallbackArgs _innerRead = new();
    private readonly List<IBurstEndWork> _atBurstEnd = [];
    private TransportAsyncCallbackArgs? _outerRead;
    private TransportAsyncCallbackArgs? _heldWrite;
    private int _readsInBurst;

    public CoalescingTransport(TransportBase inner)
        : base("coalescing")
    {
        _inner = inner;
        _innerRead.CompletedCallback = OnInnerReadCompleted;
    }

    public override string LocalEndPoint => _inner.LocalEndPoint;

    public override string RemoteEndPoint => _inner.RemoteEndPoint;

    /// <summary>
    /// Runs <paramref name="work"/> at the end of the burst the current thread is handling, right before the held
    /// frames are sent; false when the thread is not handling a burst (the caller runs the work some other way).
    /// </summary>
    public static bool TryRunAtBurstEnd(IBurstEndWork work)
    {
        if (t_reading is not { } transport)
        {
            return false;
        }

        lock (transport._atBurstEnd)
        {
            transport._atBurstEnd.Add(work);
        }

        return true;
    }

    public override void SetMonitor(ITransportMonitor usageMeter) => _inner.SetMonitor(usageMeter);

    public override bool WriteAsync(TransportAsyncCallbackArgs args)
    {
        // The library has one write outstanding at a time, so no other write comes until the held one completes.
        if (t_reading == this && Volatile.Read(ref _heldWrite) is null)
        {
            Volatile.Write(ref _heldWrite, args);
            return true;
        }

        return _inner.WriteAsync(args);
    }

    public override bool ReadAsync(TransportAsyncCallbackArgs args)
    {
        if (t_reading == this && ++_readsInBurst >= ReadsPerFlush)
        {
            _readsInBurst = 0;
            Flush();
        }

        _outerRead = args;
        _innerRead.SetBuffer(args.Buffer, args.Offset, args.Count);
        if (_inner.ReadAsync(_innerRead))
        {
            // Nothing more has arrived: whatever the burst produced goes out now. The read may already have
            // completed on another thread, which starts a burst of its own; each held item is taken only once.
            if (t_reading == this)
            {
                Flush();
            }

            return true;
        }

        CopyReadResult(args, completedSynchronously: true);
        return false;
    }

    protected override bool OpenInternal() => true;

    protected override bool CloseInternal()
    {
        _inner.Close();
        return true;
    }

    protected override void AbortInternal() => _inner.Abort();

    private void OnInnerReadCompleted(TransportAsyncCallbackArgs inner)
    {
        var outer = _outerRead!;
        CopyReadResult(outer, completedSynchronously: false);
        var previous = t_reading;
        t_reading = this;
        _readsInBurst = 0;
        try
        {
            // The library handles the frames and reads on synchronously until a read is pending.
            outer.CompletedCallback(outer);
        }
        finally
        {
            t_reading = previous;
            Flush();
        }
    }

    private void CopyReadResult(TransportAsyncCallbackArgs outer, bool completedSynchronously)
    {
        outer.BytesTransfered = _innerRead.BytesTransfered;
        outer.Exception = _innerRead.Exception;
        outer.CompletedSynchronously = completedSynchronously;
        _innerRead.BytesTransfered = 0;
        _innerRead.Exception = null;
    }

    private void Flush()
    {
        // Not held again: what the work and the library's queue write now goes straight out.
        var reading = t_reading;
        t_reading = null;
        try
        {
            RunBurstEndWork();
            WriteHeld();
        }
        finally
        {
            t_reading = reading;
        }
    }

    private void WriteHeld()
    {
        if (Interlocked.Exchange(ref _heldWrite, null) is not { } write)
        {
            return;
        }

        bool pending;
        try
        {
            pending = _inner.WriteAsync(write);
        }
        catch (Exception ex)
        {
            write.Exception = ex;
            pending = false;
        }

        // Completed now: report it as the asynchronous completion the library was told to expect, which also
        // sends the frames it queued meanwhile.
        if (!pending)
        {
            write.CompletedSynchronously = false;
            write.CompletedCallback(write);
        }
    }

    private void RunBurstEndWork()
    {
        IBurstEndWork[] work;
        lock (_atBurstEnd)
        {
            if (_atBurstEnd.Count == 0)
            {
                return;
            }

            work = [.. _atBurstEnd];
            _atBurstEnd.Clear();
        }

        foreach (var item in work)
        {
            item.RunAtBurstEnd();
        }
    }
}

/// <summary>Work that waits for the end of the burst of incoming frames being handled (see <see cref="CoalescingTransport"/>).</summary>
internal interface IBurstEndWork
{
    void RunAtBurstEnd();
}
