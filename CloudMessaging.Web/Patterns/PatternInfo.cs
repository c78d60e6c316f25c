namespace CloudMessaging.Web.Patterns;

/// <summary>One pattern as the navigation and Home show it; <see cref="Diagram"/> is its diagram component, drawn small on Home.</summary>
public sealed record PatternInfo(string Slug, string Title, string Problem, Type Diagram)
{
    public string Route => $"/{Slug}";
}
