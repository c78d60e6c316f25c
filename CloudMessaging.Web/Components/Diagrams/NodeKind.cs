namespace CloudMessaging.Web.Components.Diagrams;

/// <summary>What a box stands for; each kind has its own shape colour in app.css (<c>.node-kind-*</c>).</summary>
public enum NodeKind
{
    Client,
    Service,
    Queue,
    Topic,
    Subscription,
    Worker,
    Store,
}
