using System.Text.RegularExpressions;

namespace CloudMessaging.Web.Components.Pages.PubSub;

/// <summary>Finds the 0-based character position a broker's SQL parser error names ("... at position 9.").</summary>
public static partial class SqlErrorPosition
{
    public static int? Find(string message) =>
        PositionPattern().Match(message) is { Success: true } match && int.TryParse(match.Groups[1].ValueSpan, out var position)
            ? position
            : null;

    [GeneratedRegex(@"position (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex PositionPattern();
}
