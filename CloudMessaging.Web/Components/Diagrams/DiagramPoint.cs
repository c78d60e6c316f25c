namespace CloudMessaging.Web.Components.Diagrams;

/// <summary>A point in a diagram's viewBox coordinates.</summary>
public readonly record struct DiagramPoint(double X, double Y);
