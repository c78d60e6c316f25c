using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudMessaging.Tests.Security;

/// <summary>With Demo:FaultInjection off (as in Azure) every fault field is refused with 400 naming it.</summary>
[Collection(SecuredAppHostCollection.Name)]
public sealed class FaultSwitchTests(SecuredAppHostFixture fixture)
{
    public static TheoryData<string, string, string> FaultRequests() => new()
    {
        { "/api/jobs", """{ "kind": "noop", "failure": "fail" }""", "failure" },
        { "/api/jobs", """{ "kind": "noop", "failure": "poison" }""", "failure" },
        { "/api/work", """{ "poison": true }""", "poison" },
        { "/api/work", """{ "failureRate": 0.5 }""", "failureRate" },
        { "/api/work/batch", """{ "count": 3, "poison": true }""", "poison" },
        { "/api/work/batch", """{ "count": 3, "failureRate": 1 }""", "failureRate" },
        { "/api/orders", Order("\"failAt\": \"payment\""), "failAt" },
        { "/api/orders", Order("\"stallAt\": \"shipping\""), "stallAt" },
        { "/api/orders", Order("\"flakyCompensation\": true"), "flakyCompensation" },
    };

    [Theory]
    [MemberData(nameof(FaultRequests))]
    public async Task A_fault_field_is_refused_by_name(string path, string body, string field)
    {
        using var request = fixture.Request(HttpMethod.Post, path, "alice", "user");
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Api.SendAsync(request);

        await AssertRefusedAsync(response, field);
    }

    [Fact]
    public async Task The_same_requests_without_faults_are_accepted()
    {
        using var request = fixture.Request(HttpMethod.Post, "/api/work", "alice", "user");
        request.Content = JsonContent.Create(new { poison = false, failureRate = 0 });
        using var response = await fixture.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task The_subscriber_failure_switch_is_refused(string method)
    {
        using var request = fixture.Request(new HttpMethod(method), "/api/subscribers/billing/failure", "olivia", "operator");
        using var response = await fixture.Api.SendAsync(request);

        await AssertRefusedAsync(response, "failure");
    }

    private static string Order(string fault) =>
        $$"""{ "customerId": "c-1", "items": [{ "productId": "widget", "quantity": 1 }], "amount": 10, {{fault}} }""";

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        await AuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }
}
