using System.Net;
using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

[Collection(AppHostCollection.Name)]
public sealed class BadInputTests(AppHostFixture fixture) : IDisposable
{
    private readonly JobApi _api = new(fixture);

    [Theory]
    [InlineData("{}", "kind")]
    [InlineData("""{"kind": 5}""", "kind")]
    [InlineData("""{"kind": "bogus"}""", "kind")]
    [InlineData("""{"kind": "report"}""", "input")]
    [InlineData("""{"kind": "report", "input": {"values": "1,2"}}""", "input.values")]
    [InlineData("""{"kind": "report", "input": {"values": []}}""", "input.values")]
    [InlineData("""{"kind": "report", "input": {"values": [1, "two"]}}""", "input.values[1]")]
    [InlineData("""{"kind": "noop", "durationMs": "slow"}""", "durationMs")]
    [InlineData("""{"kind": "noop", "durationMs": 99999999}""", "durationMs")]
    [InlineData("""{"kind": "noop", "durationMs": -1}""", "durationMs")]
    [InlineData("""{"kind": "noop", "failure": "explode"}""", "failure")]
    [InlineData("not json", "body")]
    [InlineData("[1, 2]", "body")]
    [InlineData("", "body")]
    public async Task A_bad_job_request_is_400_naming_the_field_and_leaves_nothing_behind(string body, string field)
    {
        // Sent with an Idempotency-Key: were anything created for it, the valid request below would be a replay or a 422.
        var key = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JobApi.JsonBody(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _api.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        using var valid = await _api.SubmitAsync(new { kind = "noop" }, key);
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
        Assert.False(valid.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_job_request_over_the_limit_is_413()
    {
        var values = string.Join(',', Enumerable.Repeat("1234567.891", 7_000));
        using var response = await _api.Http.PostAsync("/api/jobs", JobApi.JsonBody("""{"kind": "report", "input": {"values": [""" + values + "]}}"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_400()
    {
        using var response = await _api.SubmitAsync(new { kind = "noop" }, new string('k', 200));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Theory]
    [InlineData("""{"quantity": 1}""", "product")]
    [InlineData("""{"product": "unobtainium", "quantity": 1}""", "product")]
    [InlineData("""{"product": "widget"}""", "quantity")]
    [InlineData("""{"product": "widget", "quantity": 0}""", "quantity")]
    [InlineData("""{"product": "widget", "quantity": "many"}""", "quantity")]
    [InlineData("""{"product": "widget", "quantity": 1, "delayMs": "x"}""", "delayMs")]
    public async Task A_bad_quote_request_is_400_naming_the_field(string body, string field)
    {
        using var response = await _api.Http.PostAsync("/api/quotes", JobApi.JsonBody(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string field)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDto>(JobApi.Json);
        Assert.NotNull(problem?.Errors);
        Assert.Contains(field, problem.Errors.Keys);
    }

    public void Dispose() => _api.Dispose();
}
