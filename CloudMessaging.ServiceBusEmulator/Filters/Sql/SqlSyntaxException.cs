namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>A SQL filter or action expression that does not parse; <see cref="Position"/> is a 0-based character offset.</summary>
public sealed class SqlSyntaxException : FormatException
{
    public SqlSyntaxException(string problem, int position)
        : base($"{problem} at position {position}.")
    {
        Problem = problem;
        Position = position;
    }

    public string Problem { get; }

    public int Position { get; }
}
