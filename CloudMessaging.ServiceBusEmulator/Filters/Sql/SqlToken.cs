namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <param name="Text">Keywords upper-cased, identifiers and strings unescaped, operators as written.</param>
/// <param name="Value">The literal's value (long, double or string), or null.</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Position, object? Value = null)
{
    public bool Is(SqlTokenKind kind, string text) =>
        Kind == kind && string.Equals(Text, text, StringComparison.Ordinal);

    public bool IsKeyword(string keyword) => Is(SqlTokenKind.Keyword, keyword);

    public bool IsOperator(string op) => Is(SqlTokenKind.Operator, op);

    /// <summary>How the token reads in an error message.</summary>
    public string Display => Kind switch
    {
        SqlTokenKind.End => "end of expression",
        SqlTokenKind.String => $"string '{Text}'",
        _ => $"token '{Text}'",
    };
}
