using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace CloudMessaging.Tests.Security;

/// <summary>Every route of the API, read from its OpenAPI document, with sample values in the route parameters.</summary>
internal static class ApiRoutes
{
    /// <summary>What only an operator may call; everything else under /api is for users.</summary>
    public static readonly (HttpMethod Method, string Path)[] OperatorOnly =
    [
        (HttpMethod.Get, "/api/subscribers"),
        (HttpMethod.Get, "/api/subscribers/billing"),
        (HttpMethod.Put, "/api/subscribers/billing/filter"),
        (HttpMethod.Put, "/api/subscribers/billing/failure"),
        (HttpMethod.Delete, "/api/subscribers/billing/failure"),
        (HttpMethod.Get, "/api/work/stats"),
        (HttpMethod.Get, "/api/tasks/stats"),
        (HttpMethod.Get, "/api/tasks/stats/events"),
        (HttpMethod.Get, "/api/payments"),
        (HttpMethod.Get, "/api/deadletters/smoke"),
        (HttpMethod.Get, "/api/deadletters/orders/subscriptions/billing"),
        (HttpMethod.Post, "/api/deadletters/smoke/replay"),
        (HttpMethod.Post, "/api/deadletters/orders/subscriptions/billing/replay"),
    ];

    public static async Task<List<(HttpMethod Method, string Path)>> ReadAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var routes = new List<(HttpMethod, string)>();
        foreach (var (template, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in operations!.AsObject())
            {
                routes.Add((new HttpMethod(method.ToUpperInvariant()), Fill(template)));
            }
        }

        return routes;
    }

    public static bool IsOperatorOnly(HttpMethod method, string path) => OperatorOnly.Contains((method, path));

    // Names the topology knows, so a route reaches its handler instead of failing on an unknown entity.
    private static string Fill(string template) => template
        .Replace("{queue}", "smoke", StringComparison.Ordinal)
        .Replace("{topic}", "orders", StringComparison.Ordinal)
        .Replace("{subscription}", "billing", StringComparison.Ordinal)
        .Replace("{name}", "billing", StringComparison.Ordinal)
        .Replace("{id}", "00000000000000000000000000000000", StringComparison.Ordinal)
        .Replace("{batchId}", "b000000000000", StringComparison.Ordinal);
}
