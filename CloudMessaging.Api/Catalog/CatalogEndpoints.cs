using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace CloudMessaging.Api.Catalog;

public static class CatalogEndpoints
{
    /// <summary>
    /// <c>GET /</c> lists every pattern (an endpoint group's tag) with its endpoints, read from the routing table so
    /// the list can never drift from what the API really serves.
    /// </summary>
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (EndpointDataSource endpoints) => TypedResults.Ok(Describe(endpoints)))
            .WithName("PatternCatalog")
            .WithSummary("Lists the messaging patterns this API demonstrates and their endpoints.")
            .ExcludeFromDescription();
        return app;
    }

    private static PatternCatalog Describe(EndpointDataSource source)
    {
        var patterns = source.Endpoints
            .OfType<RouteEndpoint>()
            .Select(endpoint => new
            {
                Pattern = endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags.FirstOrDefault(),
                Methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
                Route = "/" + endpoint.RoutePattern.RawText?.Trim('/'),
                Summary = endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary,
            })
            .Where(e => e.Pattern is not null)
            .GroupBy(e => e.Pattern!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PatternDescription(
                g.Key,
                [.. g.SelectMany(e => e.Methods.Select(method => new EndpointDescription(method, e.Route, e.Summary)))
                    .OrderBy(e => e.Route, StringComparer.Ordinal)
                    .ThenBy(e => e.Method, StringComparer.Ordinal)]))
            .ToList();

        return new PatternCatalog("CloudMessaging", "/scalar", "/openapi/v1.json", patterns);
    }
}
