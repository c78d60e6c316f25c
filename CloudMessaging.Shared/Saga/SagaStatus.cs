namespace CloudMessaging.Shared.Saga;

public enum SagaStatus
{
    /// <summary>Accepted by the API; the orchestrator has not handled it yet.</summary>
    Pending,

    Running,

    Compensating,

    Completed,

    Cancelled,
}
