namespace CloudMessaging.Web.Components.Diagrams;

/// <summary>A box's state, shown by its outline (<c>.node-state-*</c>) and exposed as <c>data-state</c> for the browser tests.</summary>
public enum NodeState
{
    Idle,
    Busy,
    Ok,
    Failed,
    Down,
}
