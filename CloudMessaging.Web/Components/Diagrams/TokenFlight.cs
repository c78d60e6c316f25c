namespace CloudMessaging.Web.Components.Diagrams;

/// <summary>
/// One message moving along an arrow: a token that travels from <see cref="From"/> to <see cref="To"/> once, when it
/// is first rendered (a CSS animation), then stays at the end until <see cref="TokenFlights"/> drops it.
/// </summary>
public sealed record TokenFlight(long Id, DiagramPoint From, DiagramPoint To, string Label, TokenKind Kind, DateTimeOffset LaunchedAt);
