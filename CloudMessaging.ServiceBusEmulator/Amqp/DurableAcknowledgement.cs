using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// Answers a client only once what its request changed is on disk: the answer runs when the journal's group commit
/// completes (at once for an in-memory namespace, which has none), on a pool thread, never under an entity lock.
/// </summary>
internal static class DurableAcknowledgement
{
    /// <param name="commit">From <see cref="Broker.Storage.DurableWrites.End"/>; not null.</param>
    /// <param name="answer">Gets null, or the error to answer with when the commit failed.</param>
    public static void WhenDurable(Task commit, Action<BrokerException?> answer) =>
        commit.ContinueWith(
            static (completed, state) => ((Action<BrokerException?>)state!)(FailureOf(completed)),
            answer,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    public static Rejected Rejection(BrokerException failure) => new() { Error = ErrorConditions.ToError(failure) };

    private static BrokerException? FailureOf(Task completed) => completed.Exception?.InnerException switch
    {
        null => null,
        BrokerException broker => broker,
        var other => new BrokerException(BrokerError.StorageFailed, "The change could not be stored: " + other.Message),
    };
}
