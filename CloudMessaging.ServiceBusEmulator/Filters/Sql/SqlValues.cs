using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>
/// Operator semantics on property values. The service says operators "follow C# implicit conversion semantics
/// whenever possible"; null (a missing property or a NULL value) is SQL's unknown and propagates.
/// Decisions where C# has no answer:
/// - integers widen to Int64; a decimal operand makes the operation decimal; a float/double makes it double
///   (also decimal with double, which C# refuses);
/// - strings compare ordinally and case-sensitively (also for &lt; and &gt;); char counts as a one-letter string;
/// - comparing values of unrelated types (e.g. a string with a number) is unknown, so the filter does not match
///   instead of failing (a string property never equals a number, as on the service);
/// - arithmetic on unrelated types, and integer or decimal division by zero, raise
///   <see cref="SqlEvaluationException"/>: the service treats those as filter evaluation exceptions.
/// </summary>
internal static class SqlValues
{
    private enum NumericKind
    {
        None,
        Int64,
        Decimal,
        Double,
    }

    public static bool? ToLogical(object? value, string operatorName) => value switch
    {
        null => null,
        bool b => b,
        _ => throw new SqlEvaluationException($"Operator '{operatorName}' needs a boolean operand but got {Describe(value)}."),
    };

    public static bool? AreEqual(object? left, object? right)
    {
        if (!AreKnown(ref left, ref right, out var kind))
        {
            return null;
        }

        if (kind != NumericKind.None)
        {
            return CompareNumbers(left, right, kind) == 0;
        }

        return (left, right) switch
        {
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (bool a, bool b) => a == b,
            (Guid a, Guid b) => a == b,
            (DateTime or DateTimeOffset, DateTime or DateTimeOffset) => ToUtc(left) == ToUtc(right),
            (TimeSpan a, TimeSpan b) => a == b,
            (Uri a, Uri b) => a.Equals(b),
            _ when left.GetType() == right.GetType() => left.Equals(right),
            _ => null,
        };
    }

    /// <summary>Ordering of two values; null when either is unknown or the types have no order between them.</summary>
    public static int? Compare(object? left, object? right)
    {
        if (!AreKnown(ref left, ref right, out var kind))
        {
            return null;
        }

        if (kind != NumericKind.None)
        {
            return CompareNumbers(left, right, kind);
        }

        return (left, right) switch
        {
            (string a, string b) => Math.Sign(string.CompareOrdinal(a, b)),
            (DateTime or DateTimeOffset, DateTime or DateTimeOffset) => ToUtc(left).CompareTo(ToUtc(right)),
            (TimeSpan a, TimeSpan b) => a.CompareTo(b),
            _ => null,
        };
    }

    public static object? Negate(object? operand) => NormalizeChar(operand) switch
    {
        null => null,
        TimeSpan t => t.Negate(),
        var value => NumericKindOf(value) switch
        {
            NumericKind.Int64 => unchecked(-ToInt64(value)),
            NumericKind.Decimal => -Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            NumericKind.Double => -Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => throw new SqlEvaluationException($"Operator '-' cannot be applied to {Describe(value)}."),
        },
    };

    public static object? Plus(object? operand) => operand switch
    {
        null => null,
        TimeSpan => operand,
        _ when NumericKindOf(operand) != NumericKind.None => operand,
        _ => throw new SqlEvaluationException($"Operator '+' cannot be applied to {Describe(operand)}."),
    };

    public static object? Arithmetic(char op, object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var kind = CommonNumericKind(left, right);
        if (kind != NumericKind.None)
        {
            return ArithmeticOnNumbers(op, left, right, kind);
        }

        var result = (op, NormalizeChar(left), NormalizeChar(right)) switch
        {
            ('+', string a, var b) => a + ToInvariantString(b),
            ('+', var a, string b) => ToInvariantString(a) + b,
            ('+', DateTime a, TimeSpan b) => a + b,
            ('+', DateTimeOffset a, TimeSpan b) => a + b,
            ('+', TimeSpan a, DateTime b) => b + a,
            ('+', TimeSpan a, TimeSpan b) => a + b,
            ('-', DateTime a, TimeSpan b) => a - b,
            ('-', DateTimeOffset a, TimeSpan b) => a - b,
            ('-', DateTime or DateTimeOffset, DateTime or DateTimeOffset) => ToUtc(left) - ToUtc(right),
            ('-', TimeSpan a, TimeSpan b) => a - b,
            _ => (object?)null,
        };

        return result ?? throw new SqlEvaluationException(
            $"Operator '{op}' cannot be applied to {Describe(left)} and {Describe(right)}.");
    }

    public static string ToInvariantString(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "True" : "False",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string? ToInvariantStringOrNull(object? value) => value is null ? null : ToInvariantString(value);

    public static string Describe(object? value) => value is null ? "NULL" : $"{value.GetType().Name} {ToInvariantString(value)}";

    private static object ArithmeticOnNumbers(char op, object left, object right, NumericKind kind)
    {
        switch (kind)
        {
            case NumericKind.Int64:
            {
                var a = ToInt64(left);
                var b = ToInt64(right);
                if ((op == '/' || op == '%') && b == 0)
                {
                    throw new SqlEvaluationException("Division by zero.");
                }

                return op switch
                {
                    '+' => unchecked(a + b),
                    '-' => unchecked(a - b),
                    '*' => unchecked(a * b),
                    '/' => b == -1 ? unchecked(-a) : a / b,
                    _ => b == -1 ? 0L : a % b,
                };
            }

            case NumericKind.Decimal:
            {
                var a = Convert.ToDecimal(left, CultureInfo.InvariantCulture);
                var b = Convert.ToDecimal(right, CultureInfo.InvariantCulture);
                if ((op == '/' || op == '%') && b == 0)
                {
                    throw new SqlEvaluationException("Division by zero.");
                }

                try
                {
                    return op switch
                    {
                        '+' => a + b,
                        '-' => a - b,
                        '*' => a * b,
                        '/' => a / b,
                        _ => a % b,
                    };
                }
                catch (OverflowException)
                {
                    throw new SqlEvaluationException($"Decimal overflow in '{op}'.");
                }
            }

            default:
            {
                var a = Convert.ToDouble(left, CultureInfo.InvariantCulture);
                var b = Convert.ToDouble(right, CultureInfo.InvariantCulture);
                return op switch
                {
                    '+' => a + b,
                    '-' => a - b,
                    '*' => a * b,
                    '/' => a / b,
                    _ => a % b,
                };
            }
        }
    }

    private static int CompareNumbers(object left, object right, NumericKind kind) => kind switch
    {
        NumericKind.Int64 => ToInt64(left).CompareTo(ToInt64(right)),
        NumericKind.Decimal => Convert.ToDecimal(left, CultureInfo.InvariantCulture)
            .CompareTo(Convert.ToDecimal(right, CultureInfo.InvariantCulture)),
        _ => Convert.ToDouble(left, CultureInfo.InvariantCulture)
            .CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture)),
    };

    private static NumericKind CommonNumericKind(object left, object right)
    {
        var a = NumericKindOf(left);
        var b = NumericKindOf(right);
        return a == NumericKind.None || b == NumericKind.None ? NumericKind.None : (NumericKind)Math.Max((int)a, (int)b);
    }

    private static NumericKind NumericKindOf(object value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long => NumericKind.Int64,
        ulong u => u <= long.MaxValue ? NumericKind.Int64 : NumericKind.Decimal,
        decimal => NumericKind.Decimal,
        float or double => NumericKind.Double,
        _ => NumericKind.None,
    };

    private static long ToInt64(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    [return: NotNullIfNotNull(nameof(value))]
    private static object? NormalizeChar(object? value) => value is char c ? c.ToString() : value;

    /// <summary>False when either operand is unknown; otherwise chars become strings and <paramref name="kind"/> is the numeric kind both share.</summary>
    private static bool AreKnown([NotNullWhen(true)] ref object? left, [NotNullWhen(true)] ref object? right, out NumericKind kind)
    {
        kind = NumericKind.None;
        if (left is null || right is null)
        {
            return false;
        }

        left = NormalizeChar(left);
        right = NormalizeChar(right);
        kind = CommonNumericKind(left, right);
        return true;
    }

    private static DateTime ToUtc(object value) => value switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        _ => (DateTime)value,
    };
}
