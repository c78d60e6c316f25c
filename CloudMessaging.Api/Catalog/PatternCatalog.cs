namespace CloudMessaging.Api.Catalog;

public sealed record PatternCatalog(string Name, string ApiReference, string OpenApiDocument, IReadOnlyList<PatternDescription> Patterns);

public sealed record PatternDescription(string Name, IReadOnlyList<EndpointDescription> Endpoints);

public sealed record EndpointDescription(string Method, string Route, string? Summary);
