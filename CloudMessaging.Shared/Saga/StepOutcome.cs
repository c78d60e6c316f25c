namespace CloudMessaging.Shared.Saga;

/// <summary>A participant's answer to a command.</summary>
public enum StepOutcome
{
    /// <summary>The step took effect (or had already, for a redelivered command).</summary>
    Succeeded,

    /// <summary>The step was refused by business rules (out of stock, declined, no carrier) and left nothing behind.</summary>
    Failed,

    /// <summary>The step arrived after its compensation and was refused, so it can never take effect.</summary>
    Refused,

    /// <summary>The compensation took effect (or there was nothing to undo).</summary>
    Compensated,
}
