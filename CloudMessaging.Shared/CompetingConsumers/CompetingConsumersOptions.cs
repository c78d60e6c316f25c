using System.ComponentModel.DataAnnotations;

namespace CloudMessaging.Shared.CompetingConsumers;

/// <summary>Knobs of the competing consumers on each replica (section <c>CompetingConsumers</c>).</summary>
public sealed class CompetingConsumersOptions
{
    public const string SectionName = "CompetingConsumers";

    /// <summary>Messages one replica handles at once on <c>work</c>.</summary>
    [Range(1, 256)]
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>Messages fetched ahead of the handlers; 0 keeps them on the broker, where other replicas can take them.</summary>
    [Range(0, 1000)]
    public int PrefetchCount { get; set; }

    /// <summary>Keys (sessions) one replica processes at once on <c>work-ordered</c>; each key runs one item at a time.</summary>
    [Range(1, 256)]
    public int MaxConcurrentSessions { get; set; } = 8;

    /// <summary>
    /// The delivery on which a failing item is dead-lettered with the reason and last error. Keep it equal to the
    /// queue's MaxDeliveryCount: the broker would dead-letter on the next attempt anyway, but without the error.
    /// </summary>
    [Range(1, 100)]
    public int MaxDeliveryCount { get; set; } = 5;
}
