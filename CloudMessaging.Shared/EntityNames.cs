namespace CloudMessaging.Shared;

/// <summary>
/// The one place in code that names the Service Bus entities of the topology
/// (<c>CloudMessaging.AppHost/servicebus/Config.json</c> locally, <c>infra/</c> in Azure).
/// </summary>
public static class EntityNames
{
    /// <summary>Diagnostics: a message the API sends and a worker replica answers, proving the path end to end.</summary>
    public const string SmokeQueue = "smoke";

    /// <summary>Asynchronous request-reply: long-running jobs.</summary>
    public const string JobsQueue = "jobs";

    /// <summary>Asynchronous request-reply: session-enabled queue for Service Bus native replies.</summary>
    public const string RepliesQueue = "replies";

    /// <summary>Claim check: references to payloads in blob storage.</summary>
    public const string DocumentsQueue = "documents";

    /// <summary>Claim check, automatic: notes that travel inline or by claim check depending on their size.</summary>
    public const string DocumentNotesQueue = "document-notes";

    /// <summary>Priority queue: one queue per priority.</summary>
    public const string TasksHighQueue = "tasks-high";

    public const string TasksNormalQueue = "tasks-normal";

    public const string TasksLowQueue = "tasks-low";

    /// <summary>Competing consumers: work shared by every worker replica.</summary>
    public const string WorkQueue = "work";

    /// <summary>Competing consumers with per-key ordering (session-enabled).</summary>
    public const string WorkOrderedQueue = "work-ordered";

    /// <summary>Saga: the orchestrator's session-enabled queue (SessionId = order id).</summary>
    public const string SagaQueue = "saga";

    public const string InventoryQueue = "inventory";

    public const string PaymentQueue = "payment";

    public const string ShippingCommandsQueue = "shipping-commands";

    /// <summary>Publisher-subscriber: order events.</summary>
    public const string OrdersTopic = "orders";

    public static class OrdersSubscriptions
    {
        public const string Billing = "billing";

        public const string Shipping = "shipping";

        public const string Analytics = "analytics";

        public const string Fraud = "fraud";

        public const string Notifications = "notifications";
    }
}
