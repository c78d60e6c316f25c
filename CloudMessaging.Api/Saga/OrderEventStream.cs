using CloudMessaging.Api.Http;
using CloudMessaging.Api.Security;
using CloudMessaging.Shared.Saga;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.Saga;

/// <summary>
/// <c>GET /api/orders/{id}/events</c>: the order's saga state (as <c>GET /api/orders/{id}</c> answers it) as a
/// Server-Sent Event (<c>order</c>) after every change of its mirror, so a page can draw the timeline as it grows.
/// </summary>
internal static class OrderEventStream
{
    public const string EventType = "order";

    public static async Task<IResult> StreamAsync(
        Guid id,
        SagaOrderStore orders,
        TimeProvider time,
        IOptions<LiveStreamOptions> live,
        IOptions<SecurityOptions> security,
        CancellationToken cancellationToken)
    {
        var orderId = id.ToString("N");
        if (await orders.GetAsync(orderId) is not { } first)
        {
            return TypedResults.NotFound();
        }

        return PolledEventStream.Create(
            first, () => orders.GetAsync(orderId), IsOver, EventType, SagaJson.Options, live.Value, security.Value, time, cancellationToken);
    }

    /// <summary>
    /// Finished, and nothing more expected: a stalled step answers after the saga has moved on (docs/patterns/saga.md),
    /// so the stream of a saga with <c>stallAt</c> stays open until that late answer is recorded as ignored.
    /// </summary>
    private static bool IsOver(SagaState state) =>
        state.IsFinished && (state.Simulation.StallAt is null || state.Timeline.Exists(entry => entry.Event == "IgnoredReply"));
}
