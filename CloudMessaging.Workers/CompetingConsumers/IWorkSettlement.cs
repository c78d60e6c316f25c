namespace CloudMessaging.Workers.CompetingConsumers;

/// <summary>Settles the message being handled, whichever processor (plain or session) received it.</summary>
public interface IWorkSettlement
{
    Task AbandonAsync();

    Task DeadLetterAsync(string reason, string description);
}
