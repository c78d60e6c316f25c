namespace CloudMessaging.Shared.Saga;

/// <summary>The checkout steps in the order the orchestrator runs them; payment is the pivot.</summary>
public enum SagaStep
{
    Inventory,
    Payment,
    Shipping,
}
