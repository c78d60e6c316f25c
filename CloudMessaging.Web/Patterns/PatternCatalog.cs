using CloudMessaging.Web.Components.Pages.ClaimCheck;
using CloudMessaging.Web.Components.Pages.CompetingConsumers;
using CloudMessaging.Web.Components.Pages.PriorityQueue;
using CloudMessaging.Web.Components.Pages.PubSub;
using CloudMessaging.Web.Components.Pages.RequestReply;
using CloudMessaging.Web.Components.Pages.Saga;

namespace CloudMessaging.Web.Patterns;

/// <summary>The six patterns in the order of the README and docs/patterns.</summary>
public static class PatternCatalog
{
    public static readonly IReadOnlyList<PatternInfo> All =
    [
        new("request-reply", "Asynchronous request-reply",
            "Work that takes longer than an HTTP request should wait: answer 202 at once, let the client poll or stream, then 303 to the result.",
            typeof(RequestReplyDiagram)),
        new("pub-sub", "Publisher-subscriber",
            "Announce an event once and let every interested service get its own filtered copy, without the publisher knowing them.",
            typeof(PubSubDiagram)),
        new("claim-check", "Claim check",
            "Payloads too large for a message travel as a blob; only a reference to it goes through the broker.",
            typeof(ClaimCheckDiagram)),
        new("priority-queue", "Priority queue",
            "Urgent work first without starving the rest: one queue per level, and waiting work escalates.",
            typeof(PriorityQueueDiagram)),
        new("saga", "Saga",
            "One checkout over three services with no distributed transaction: local steps, and compensations when a later one fails.",
            typeof(SagaDiagram)),
        new("competing-consumers", "Competing consumers",
            "Many replicas share one queue to scale out; each effect happens once, and per-key order holds where asked.",
            typeof(CompetingConsumersDiagram)),
    ];
}
