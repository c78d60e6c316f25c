namespace CloudMessaging.Shared.RequestReply;

/// <summary>Simulated failures, so every unhappy path of the pattern can be seen and tested.</summary>
public enum JobFailureMode
{
    None,

    /// <summary>The job itself fails half way: it ends Failed at once, without retries (retrying would fail again).</summary>
    Fail,

    /// <summary>Every delivery of the message throws, as a poison message would: Service Bus dead-letters it after MaxDeliveryCount.</summary>
    Poison,
}
