namespace CloudMessaging.Shared;

/// <summary>The one place in code that names the Service Bus entities of the topology.</summary>
public static class EntityNames
{
}
