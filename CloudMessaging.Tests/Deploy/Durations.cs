using System.Xml;

namespace CloudMessaging.Tests.Deploy;

/// <summary>ISO 8601 durations compared by value: "PT60S" and "PT1M" are the same lock duration.</summary>
internal static class Durations
{
    public static string Normalize(string isoDuration) => Normalize(XmlConvert.ToTimeSpan(isoDuration));

    public static string Normalize(TimeSpan duration) => XmlConvert.ToString(duration);
}
