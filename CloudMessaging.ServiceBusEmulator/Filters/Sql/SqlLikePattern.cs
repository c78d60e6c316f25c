namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>
/// A LIKE pattern: '%' matches any run of characters, '_' exactly one, and the escape character makes the next
/// character literal. Matching is ordinal and case-sensitive, like the other string operators.
/// </summary>
internal sealed class SqlLikePattern
{
    private enum Kind : byte
    {
        Literal,
        AnyOne,
        AnyRun,
    }

    private readonly (Kind Kind, char Literal)[] _parts;

    private SqlLikePattern((Kind, char)[] parts) => _parts = parts;

    /// <summary>Null with <paramref name="problem"/> set when the pattern or escape is malformed.</summary>
    public static SqlLikePattern? TryCreate(string pattern, string? escape, out string? problem)
    {
        problem = null;
        if (escape is not null && escape.Length != 1)
        {
            problem = $"The LIKE escape must be a single character but is '{escape}'";
            return null;
        }

        var escapeChar = escape?[0];
        var parts = new List<(Kind, char)>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == escapeChar)
            {
                if (i + 1 >= pattern.Length)
                {
                    problem = $"The LIKE pattern '{pattern}' ends with its escape character";
                    return null;
                }

                parts.Add((Kind.Literal, pattern[++i]));
            }
            else if (c == '%')
            {
                if (parts.Count == 0 || parts[^1].Item1 != Kind.AnyRun)
                {
                    parts.Add((Kind.AnyRun, '\0'));
                }
            }
            else
            {
                parts.Add(c == '_' ? (Kind.AnyOne, '\0') : (Kind.Literal, c));
            }
        }

        return new SqlLikePattern([.. parts]);
    }

    // Greedy wildcard matching that backtracks only to the last '%': linear for typical patterns.
    public bool IsMatch(string text)
    {
        int t = 0, p = 0, starPart = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < _parts.Length && _parts[p].Kind == Kind.AnyRun)
            {
                starPart = p++;
                starText = t;
            }
            else if (p < _parts.Length
                && (_parts[p].Kind == Kind.AnyOne || (_parts[p].Kind == Kind.Literal && _parts[p].Literal == text[t])))
            {
                p++;
                t++;
            }
            else if (starPart >= 0)
            {
                p = starPart + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < _parts.Length && _parts[p].Kind == Kind.AnyRun)
        {
            p++;
        }

        return p == _parts.Length;
    }
}
