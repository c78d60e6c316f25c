namespace CloudMessaging.Shared.Hosting;

/// <summary>Names of the Aspire resources whose connection strings the apps receive (<c>ConnectionStrings__name</c>).</summary>
public static class ConnectionNames
{
    public const string ServiceBus = "servicebus";

    public const string Blobs = "blobs";

    public const string Redis = "redis";
}
