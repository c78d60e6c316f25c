namespace CloudMessaging.Shared.Saga;

/// <summary>The Subject of each message on the <c>saga</c> queue, telling the orchestrator how to read the body.</summary>
public static class SagaMessageSubjects
{
    public const string Start = "saga.start";

    public const string Reply = "saga.reply";

    public const string Timeout = "saga.timeout";

    public const string Command = "saga.command";
}
