using System.Net;
using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;
using CloudMessaging.Tests.RequestReply;

namespace CloudMessaging.Tests.Input;

/// <summary>
/// The input policy, proven on every write endpoint: each malformed body of the corpus gets a 4xx ProblemDetails that
/// names the culprit, quickly, and leaves nothing behind (no Redis key, no message), and the API stays healthy.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class MalformedInputTests(AppHostFixture fixture) : IAsyncLifetime
{
    private const string LongId = "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii";

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    private SideEffects _sideEffects = null!;

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in WriteEndpoint.All)
        {
            // An empty body is what an endpoint without a body expects: that is no malformed input for it.
            foreach (var body in MalformedBody.All.Where(b => endpoint.TakesBody || b.Name != "empty"))
            {
                data.Add(endpoint.Name, body.Name);
            }
        }

        return data;
    }

    public async Task InitializeAsync() => _sideEffects = await SideEffects.ConnectAsync(fixture.App);

    public async Task DisposeAsync() => await _sideEffects.DisposeAsync();

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Malformed_input_is_a_4xx_problem_naming_the_culprit_and_leaves_nothing_behind(string endpointName, string bodyName)
    {
        var endpoint = WriteEndpoint.All.Single(e => e.Name == endpointName);
        var malformed = MalformedBody.All.Single(b => b.Name == bodyName).Build(endpoint);
        var (status, field) = endpoint.TakesBody ? (malformed.Status, malformed.Field) : (HttpStatusCode.BadRequest, "body");
        var before = await _sideEffects.TakeAsync(endpoint.Entities);

        using var timeout = new CancellationTokenSource(AnswerTimeout);
        using var request = new HttpRequestMessage(endpoint.Method, endpoint.Path) { Content = malformed.ToContent() };
        request.Headers.ExpectContinue = malformed.ExpectContinue;
        using var response = await fixture.Api.SendAsync(request, timeout.Token);

        var answer = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.True(status == response.StatusCode, $"{endpoint.Method} {endpoint.Path} answered {(int)response.StatusCode}, not {(int)status}: {answer}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ValidationProblemDto>(answer, JobApi.Json);
        Assert.NotNull(problem?.Errors);
        if (field is not null)
        {
            Assert.True(problem.Errors.ContainsKey(field), $"The errors name {string.Join(", ", problem.Errors.Keys)}, not {field}: {answer}");
        }

        var (newKeys, enqueued) = SideEffects.Difference(before, await _sideEffects.TakeAsync(endpoint.Entities));
        Assert.Empty(newKeys);
        Assert.All(enqueued, entity => Assert.True(entity.Value == 0, $"{entity.Value} message(s) went to {entity.Key}."));

        using var health = await fixture.Api.GetAsync("/health", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("/api/jobs/has%20space", "id")]
    [InlineData("/api/tasks/" + LongId, "id")]
    [InlineData("/api/smoke/" + LongId, "id")]
    [InlineData("/api/inventory?orderId=", "orderId")]
    [InlineData("/api/payments?orderId=a%20b", "orderId")]
    [InlineData("/api/deadletters/work?max=ten", "max")]
    [InlineData("/api/deadletters/work?max=1e3", "max")]
    [InlineData("/api/deadletters/work?max=0", "max")]
    [InlineData("/api/deadletters/no%20such%20queue", "entity")]
    public async Task A_malformed_route_value_or_query_parameter_is_400_naming_it(string path, string field)
    {
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        using var response = await fixture.Api.GetAsync(path, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDto>(JobApi.Json, timeout.Token);
        Assert.Contains(field, problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("/api/jobs", "Idempotency-Key", "has space")]
    [InlineData("/api/jobs", "X-Correlation-Id", "tab\tinside")]
    [InlineData("/api/quotes", "Prefer", "wait=soon")]
    [InlineData("/api/quotes", "Prefer", "respond-async, wait=-1")]
    public async Task A_malformed_header_is_400_naming_it(string path, string header, string value)
    {
        var body = path == "/api/jobs" ? """{"kind": "noop"}""" : """{"product": "widget", "quantity": 1}""";
        var before = await _sideEffects.TakeAsync([]);
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JobApi.JsonBody(body) };
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await fixture.Api.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDto>(JobApi.Json, timeout.Token);
        Assert.Contains(header, problem!.Errors!.Keys);
        Assert.Empty(SideEffects.Difference(before, await _sideEffects.TakeAsync([])).NewKeys);
    }
}
