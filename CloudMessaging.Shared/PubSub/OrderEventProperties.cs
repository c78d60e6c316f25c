namespace CloudMessaging.Shared.PubSub;

/// <summary>
/// Application properties copied from the event onto the message so that subscription filters can read them without
/// opening the body. SQL filters name them as written here (<c>total &gt;= 1000</c>).
/// </summary>
public static class OrderEventProperties
{
    public const string EventType = "type";

    public const string OrderId = "orderId";

    public const string Total = "total";

    public const string Country = "country";

    public const string CustomerTier = "tier";
}
