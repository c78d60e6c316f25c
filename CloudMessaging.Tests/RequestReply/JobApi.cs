using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

/// <summary>The request-reply API as a test sees it over real HTTP; redirects are not followed so a 303 is visible.</summary>
public sealed class JobApi : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public JobApi(AppHostFixture fixture)
    {
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent JsonBody(object body) => JsonBody(JsonSerializer.Serialize(body, Json));

    public async Task<HttpResponseMessage> SubmitAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonBody(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(request);
    }

    public async Task<JobStatusDto> SubmitAcceptedAsync(object body)
    {
        using var response = await SubmitAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobStatusDto>(Json))!;
    }

    /// <summary>The status as GET shows it; for a succeeded job (303) the status is read from the result's headers.</summary>
    public async Task<(HttpStatusCode Code, JobStatusDto? Status, Uri? Location)> GetStatusAsync(string id)
    {
        using var response = await Http.GetAsync($"/api/jobs/{id}");
        var status = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JobStatusDto>(Json) : null;
        return (response.StatusCode, status, response.Headers.Location);
    }

    public Task<JobStatusDto> WaitForStatusAsync(string id, string status, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            async () => (await GetStatusAsync(id)).Status is { } current && current.Status == status ? current : null,
            timeout,
            $"job {id} to become {status}");

    /// <summary>Waits for the 303 that says the job succeeded, and returns where it points.</summary>
    public Task<Uri> WaitForSeeOtherAsync(string id, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                var (code, status, location) = await GetStatusAsync(id);
                Assert.True(status?.Status is null or "Queued" or "Running", $"job {id} ended {status?.Status}: {status?.Problem?.Detail}");
                return code == HttpStatusCode.SeeOther ? location : null;
            },
            timeout,
            $"job {id} to succeed (303)");

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// The JSON contract of a job's status, declared here on purpose rather than borrowed from the API's
/// <c>JobStatusResponse</c>: a change to what clients receive must break these tests.
/// </summary>
public sealed record JobStatusDto(
    string Id,
    string Kind,
    string Status,
    int Progress,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? StoppedAt,
    string? Replica,
    int Attempts,
    string? TraceId,
    JobProblemDto? Problem,
    JobLinksDto Links);

public sealed record JobProblemDto(string Title, string? Detail);

public sealed record JobLinksDto(string Self, string Events, string? Result, string? Cancel);

public sealed record ReportDto(int Count, double Sum, double Mean, double Min, double Max, double Median, double StandardDeviation);

public sealed record JobResultDto<T>(string Id, string Kind, DateTimeOffset? CompletedAt, string? Replica, T Result);

public sealed record ValidationProblemDto(int Status, string? Title, Dictionary<string, string[]>? Errors);
