using System.Reflection;
using System.Runtime.ExceptionServices;
using StackExchange.Redis;

namespace CloudMessaging.Tests.Infrastructure;

/// <summary>
/// A connection to the real Redis whose next <paramref name="count"/> transactions come back aborted (EXEC answers
/// nothing was applied) without being sent, as Garnet answers when a key sharing a watched key's hash bucket was
/// written meanwhile. Everything else goes straight through, so code under test sees a real server with a run of
/// spurious aborts that no test could otherwise provoke on demand.
/// </summary>
public sealed class ForcedTransactionAborts
{
    private int _remaining;

    public ForcedTransactionAborts(IConnectionMultiplexer inner, int count)
    {
        _remaining = count;
        Connection = Interceptor<IConnectionMultiplexer>.Wrap(inner, this);
    }

    public IConnectionMultiplexer Connection { get; }

    /// <summary>The forced aborts not yet spent.</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    private bool TrySpend()
    {
        var current = Volatile.Read(ref _remaining);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _remaining, current - 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Forwards every call, wrapping the databases and transactions handed out, and aborts EXEC on demand.</summary>
    public class Interceptor<T> : DispatchProxy
        where T : class
    {
        private T _target = null!;
        private ForcedTransactionAborts _aborts = null!;

        public static T Wrap(T target, ForcedTransactionAborts aborts)
        {
            var proxy = Create<T, Interceptor<T>>();
            var interceptor = (Interceptor<T>)(object)proxy;
            interceptor._target = target;
            interceptor._aborts = aborts;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (_target is ITransaction && targetMethod.Name == nameof(ITransaction.ExecuteAsync) && _aborts.TrySpend())
            {
                return Task.FromResult(false);
            }

            object? result;
            try
            {
                result = targetMethod.Invoke(_target, args);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(exception.InnerException);
                throw;
            }

            return result switch
            {
                ITransaction transaction => Interceptor<ITransaction>.Wrap(transaction, _aborts),
                IDatabase database => Interceptor<IDatabase>.Wrap(database, _aborts),
                _ => result,
            };
        }
    }
}
