namespace CloudMessaging.Web.Components.Diagrams;

/// <summary>Where a box sits in a diagram; arrows and message tokens start and end on its edges.</summary>
public sealed record NodeLayout(string Id, double X, double Y, double Width, double Height)
{
    public DiagramPoint Center => new(X + Width / 2, Y + Height / 2);

    public DiagramPoint Left => new(X, Y + Height / 2);

    public DiagramPoint Right => new(X + Width, Y + Height / 2);

    public DiagramPoint Top => new(X + Width / 2, Y);

    public DiagramPoint Bottom => new(X + Width / 2, Y + Height);
}
