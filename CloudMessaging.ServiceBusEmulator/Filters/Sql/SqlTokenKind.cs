namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

internal enum SqlTokenKind
{
    Identifier,

    /// <summary>A [bracketed] or "quoted" identifier: never a keyword nor a scope.</summary>
    DelimitedIdentifier,
    Keyword,
    String,
    Integer,
    Number,
    Operator,
    End,
}
