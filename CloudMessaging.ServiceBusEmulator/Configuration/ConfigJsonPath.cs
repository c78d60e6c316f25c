using System.Globalization;

namespace CloudMessaging.ServiceBusEmulator.Configuration;

/// <summary>Builds the JSON paths that errors and warnings point at.</summary>
internal static class ConfigJsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IsPlainIdentifier(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static bool IsPlainIdentifier(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
