namespace CloudMessaging.Workers.Messaging;

/// <summary>A handler still running when the drain ended: its message is given back for another replica.</summary>
public sealed class HandlerDrainEndedException : OperationCanceledException
{
    public HandlerDrainEndedException()
        : base("The replica stopped before the handler finished; its message is given back.")
    {
    }

    public HandlerDrainEndedException(string message)
        : base(message)
    {
    }

    public HandlerDrainEndedException(Exception innerException)
        : base("The replica stopped before the handler finished; its message is given back.", innerException)
    {
    }

    public HandlerDrainEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
