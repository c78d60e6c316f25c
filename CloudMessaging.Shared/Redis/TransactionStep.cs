namespace CloudMessaging.Shared.Redis;

/// <summary>What one attempt of a <see cref="RedisTransactionRetry"/> loop decided.</summary>
public readonly struct TransactionStep<T>
{
    private TransactionStep(bool isDecided, T value, Func<Task<T>>? whenCommitted)
    {
        IsDecided = isDecided;
        Value = value;
        WhenCommitted = whenCommitted;
    }

    internal bool IsDecided { get; }

    internal T Value { get; }

    internal Func<Task<T>>? WhenCommitted { get; }

    /// <summary>Stop with <paramref name="value"/>, without executing (or after an abort, without trying again).</summary>
    public static TransactionStep<T> Decided(T value) => new(true, value, null);

    /// <summary>Execute the transaction; when it commits, the loop returns <paramref name="whenCommitted"/>.</summary>
    public static TransactionStep<T> Execute(T whenCommitted) => new(false, whenCommitted, null);

    /// <summary>Execute the transaction; when it commits, the loop returns what <paramref name="whenCommitted"/> computes.</summary>
    public static TransactionStep<T> Execute(Func<Task<T>> whenCommitted) => new(false, default!, whenCommitted);

    /// <summary>After an abort: build the transaction again.</summary>
    public static TransactionStep<T> Retry => default;
}
