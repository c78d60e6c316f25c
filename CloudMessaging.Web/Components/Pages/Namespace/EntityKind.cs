namespace CloudMessaging.Web.Components.Pages.Namespace;

public enum EntityKind
{
    Queue,
    Topic,
    Subscription,
}
