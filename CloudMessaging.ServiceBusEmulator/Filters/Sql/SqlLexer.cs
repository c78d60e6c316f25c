using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>Splits a filter or action expression into tokens following the Service Bus SQL grammar.</summary>
internal static class SqlLexer
{
    private static readonly FrozenSet<string> Keywords = new[]
    {
        "AND", "OR", "NOT", "IS", "NULL", "IN", "LIKE", "ESCAPE", "EXISTS", "TRUE", "FALSE", "SET", "REMOVE",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] TwoCharOperators = ["<>", "!=", ">=", "<="];

    private const string OneCharOperators = "=<>+-*/%(),.;";

    public static List<SqlToken> Tokenize(string text)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new SqlToken(SqlTokenKind.End, string.Empty, text.Length));
                return tokens;
            }

            var c = text[i];
            if (char.IsLetter(c))
            {
                tokens.Add(ReadWord(text, ref i));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c == '\'')
            {
                var start = i;
                var value = ReadDelimited(text, ref i, '\'', "string constant");
                tokens.Add(new SqlToken(SqlTokenKind.String, value, start, value));
            }
            else if (c == '"')
            {
                var start = i;
                tokens.Add(new SqlToken(SqlTokenKind.DelimitedIdentifier, ReadDelimited(text, ref i, '"', "quoted identifier"), start));
            }
            else if (c == '[')
            {
                var start = i;
                tokens.Add(new SqlToken(SqlTokenKind.DelimitedIdentifier, ReadDelimited(text, ref i, ']', "delimited identifier"), start));
            }
            else if (c == '@')
            {
                throw new SqlSyntaxException("Filter parameters ('@name') are not supported", i);
            }
            else if (i + 1 < text.Length && Array.IndexOf(TwoCharOperators, text.Substring(i, 2)) >= 0)
            {
                tokens.Add(new SqlToken(SqlTokenKind.Operator, text.Substring(i, 2), i));
                i += 2;
            }
            else if (OneCharOperators.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new SqlToken(SqlTokenKind.Operator, c.ToString(), i));
                i++;
            }
            else
            {
                throw new SqlSyntaxException($"Unexpected character '{c}'", i);
            }
        }
    }

    private static SqlToken ReadWord(string text, ref int i)
    {
        var start = i;
        i++;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        var word = text[start..i];
        return Keywords.Contains(word)
            ? new SqlToken(SqlTokenKind.Keyword, word.ToUpperInvariant(), start)
            : new SqlToken(SqlTokenKind.Identifier, word, start);
    }

    private static SqlToken ReadNumber(string text, ref int i)
    {
        var start = i;
        var isInteger = true;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            isInteger = false;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            isInteger = false;
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                throw new SqlSyntaxException("Exponent without digits in number", i);
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
        {
            throw new SqlSyntaxException($"Unexpected character '{text[i]}' after number", i);
        }

        var literal = text[start..i];
        if (isInteger)
        {
            // Integer constants are System.Int64 on the service.
            if (!long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
            {
                throw new SqlSyntaxException($"Integer constant {literal} is out of the Int64 range", start);
            }

            return new SqlToken(SqlTokenKind.Integer, literal, start, integer);
        }

        // Decimal and approximate constants are System.Double on the service.
        var number = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(number))
        {
            throw new SqlSyntaxException($"Numeric constant {literal} is out of the Double range", start);
        }

        return new SqlToken(SqlTokenKind.Number, literal, start, number);
    }

    // Quote characters are doubled to escape them: 'it''s', "a""b", [a]]b].
    private static string ReadDelimited(string text, ref int i, char close, string what)
    {
        var start = i;
        var builder = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new SqlSyntaxException($"Unterminated {what}", start);
            }

            if (text[i] == close)
            {
                if (i + 1 < text.Length && text[i + 1] == close)
                {
                    builder.Append(close);
                    i += 2;
                    continue;
                }

                i++;
                return builder.ToString();
            }

            builder.Append(text[i]);
            i++;
        }
    }
}
