using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using CloudMessaging.AppHost.Security;

namespace CloudMessaging.Tests.Security;

/// <summary>
/// With Security:RequireAuthentication the API behaves as deployed: the probes stay open, every other route answers
/// 401 without a token and 403 without the role (both as problems), and succeeds past authorization with it.
/// </summary>
[Collection(SecuredAppHostCollection.Name)]
public sealed class AuthenticationTests(SecuredAppHostFixture fixture)
{
    private HttpClient Api => fixture.Api;

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task The_probes_answer_without_a_token(string path)
    {
        using var response = await Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    [InlineData("/")]
    public async Task The_documentation_is_not_anonymous(string path)
    {
        using var response = await Api.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_api_route_answers_401_as_a_problem_without_a_token()
    {
        var routes = await ApiRoutes.ReadAsync(Api, fixture.TokenFor("reader", "user"));
        Assert.Contains(routes, route => route.Path == "/api/jobs");

        foreach (var (method, path) in routes)
        {
            using var request = fixture.Request(method, path, subject: null);
            using var response = await Api.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, $"{method} {path}");
            Assert.Contains(response.Headers.WwwAuthenticate, value => value.Scheme == "Bearer");
        }
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_expired_is_refused()
    {
        var forged = DevelopmentTokens.Mint(new byte[32], "mallory", ["operator"], TimeSpan.FromMinutes(5));
        var expired = fixture.TokenFor("late", TimeSpan.FromMinutes(-10), "user");

        foreach (var token in new[] { forged, expired })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/smoke/x");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Api.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_token_without_a_role_is_forbidden_everywhere_under_api()
    {
        var routes = await ApiRoutes.ReadAsync(Api, fixture.TokenFor("reader", "user"));

        foreach (var (method, path) in routes.Where(route => route.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            using var request = fixture.Request(method, path, "nobody");
            using var response = await Api.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, $"{method} {path}");
        }
    }

    [Fact]
    public async Task A_user_is_forbidden_the_operator_routes_and_passes_on_every_other_route()
    {
        var routes = await ApiRoutes.ReadAsync(Api, fixture.TokenFor("reader", "user"));
        Assert.All(ApiRoutes.OperatorOnly, route => Assert.Contains(route, routes));

        foreach (var (method, path) in routes)
        {
            using var request = fixture.Request(method, path, "alice", "user");
            // An empty JSON object: past authorization, the handlers answer it with their validation problems.
            if (method == HttpMethod.Post || method == HttpMethod.Put)
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await Api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (ApiRoutes.IsOperatorOnly(method, path))
            {
                await AssertProblemAsync(response, HttpStatusCode.Forbidden, $"{method} {path}");
            }
            else
            {
                AssertPassedAuthorization(response, $"{method} {path}");
            }
        }
    }

    [Fact]
    public async Task An_operator_passes_on_the_operator_routes()
    {
        foreach (var (method, path) in ApiRoutes.OperatorOnly)
        {
            using var request = fixture.Request(method, path, "olivia", "operator");
            // Headers only: an event stream (the stats') answers 200 and stays open.
            using var response = await Api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            AssertPassedAuthorization(response, $"{method} {path}");
        }

        using var stats = fixture.Request(HttpMethod.Get, "/api/work/stats", "olivia", "operator");
        using var statsResponse = await Api.SendAsync(stats);
        Assert.Equal(HttpStatusCode.OK, statsResponse.StatusCode);
    }

    [Fact]
    public async Task A_user_submits_and_reads_a_job()
    {
        using var submit = fixture.Request(HttpMethod.Post, "/api/jobs", "alice", "user");
        submit.Content = JsonContent.Create(new { kind = "noop" });
        using var accepted = await Api.SendAsync(submit);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using var read = fixture.Request(HttpMethod.Get, accepted.Headers.Location!.ToString(), "alice", "user");
        using var status = await Api.SendAsync(read);
        Assert.True(status.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther, status.StatusCode.ToString());
    }

    private static void AssertPassedAuthorization(HttpResponseMessage response, string route) =>
        Assert.True(
            response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError),
            $"{route}: {(int)response.StatusCode}");

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? route = null)
    {
        Assert.True(expected == response.StatusCode, $"{route}: expected {(int)expected}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
    }
}
