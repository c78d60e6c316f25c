namespace CloudMessaging.Web.Components.Diagrams;

/// <summary>
/// The tokens in flight on one diagram, driven from C#: a page calls <see cref="Launch"/> when an event arrives (from
/// an API event stream or a poll) and re-renders. Keeps the newest <see cref="Capacity"/> and forgets those older than
/// <see cref="Linger"/>, so a long run does not grow the page.
/// </summary>
public sealed class TokenFlights(TimeProvider? timeProvider = null)
{
    public const int Capacity = 24;

    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(4);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly List<TokenFlight> _flights = [];
    private long _nextId;

    public IReadOnlyList<TokenFlight> Items
    {
        get
        {
            var now = _time.GetUtcNow();
            _flights.RemoveAll(flight => now - flight.LaunchedAt > Linger);
            return _flights;
        }
    }

    public TokenFlight Launch(DiagramPoint from, DiagramPoint to, string label = "", TokenKind kind = TokenKind.Message)
    {
        var flight = new TokenFlight(Interlocked.Increment(ref _nextId), from, to, label, kind, _time.GetUtcNow());
        _flights.Add(flight);
        if (_flights.Count > Capacity)
        {
            _flights.RemoveRange(0, _flights.Count - Capacity);
        }

        return flight;
    }

    public void Clear() => _flights.Clear();
}
