using Microsoft.Azure.Amqp;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Cbs;

/// <summary>
/// What one connection has proven through put-token: each entity path with the signed expiry of its latest token,
/// and the links attached under those grants. A link whose grant lapses without a new token is detached with
/// amqp:unauthorized-access, as the service does; a renewed put-token before then keeps it attached.
/// </summary>
internal sealed class CbsGrants(TimeProvider time) : IDisposable
{
    // ITimer's longest period; a later expiry is reached in several steps.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<AmqpLink, string> _links = [];
    private ITimer? _timer;
    private bool _disposed;

    public void Grant(string entityPath, DateTimeOffset until)
    {
        lock (_gate)
        {
            _until[entityPath] = until;
            Reschedule();
        }
    }

    public bool IsAuthorized(string entityPath)
    {
        lock (_gate)
        {
            return _until.TryGetValue(entityPath, out var until) && until > time.GetUtcNow();
        }
    }

    /// <summary>Detaches the link once the grant for its path lapses.</summary>
    public void Watch(AmqpLink link, string entityPath)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _links[link] = entityPath;
            Reschedule();
        }

        link.SafeAddClosed((_, _) =>
        {
            lock (_gate)
            {
                _links.Remove(link);
            }
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _links.Clear();
            _timer?.Dispose();
        }
    }

    private void Reschedule()
    {
        if (_disposed || _links.Count == 0)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var earliest = DateTimeOffset.MaxValue;
        foreach (var path in _links.Values)
        {
            var until = _until.GetValueOrDefault(path, DateTimeOffset.MinValue);
            earliest = until < earliest ? until : earliest;
        }

        var wait = earliest - time.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
        _timer ??= time.CreateTimer(static state => ((CbsGrants)state!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void OnDue()
    {
        List<(AmqpLink Link, string Path)> lapsed = [];
        lock (_gate)
        {
            var now = time.GetUtcNow();
            foreach (var (link, path) in _links)
            {
                if (_until.GetValueOrDefault(path, DateTimeOffset.MinValue) <= now)
                {
                    lapsed.Add((link, path));
                }
            }

            foreach (var (link, _) in lapsed)
            {
                _links.Remove(link);
            }

            Reschedule();
        }

        foreach (var (link, path) in lapsed)
        {
            link.SafeClose(new AmqpException(
                ErrorConditions.UnauthorizedAccess,
                $"The token for '{path}' expired and no new one was put on $cbs; the link is detached."));
        }
    }
}
