using System.Net;
using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;
using CloudMessaging.Tests.RequestReply;

namespace CloudMessaging.Tests.DeadLetters;

/// <summary>A replay says what it replays: <c>{"all": true}</c> or <c>{"messageIds": [...]}</c>; anything else is 400.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ReplayRequestTests(AppHostFixture fixture)
{
    // Nothing dead-letters smoke messages, so replaying its whole dead-letter queue touches no other test.
    private const string Route = "/api/deadletters/smoke/replay";

    [Fact]
    public async Task An_explicit_all_replays_the_whole_dead_letter_queue()
    {
        using var response = await fixture.Api.PostAsync(Route, JobApi.JsonBody("""{"all": true}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<ReplayResultDto>(JobApi.Json);
        Assert.Equal("smoke", result!.Entity);
        Assert.Empty(result.NotFound);
    }

    [Fact]
    public async Task Message_ids_replay_those_and_report_the_ones_not_found()
    {
        using var response = await fixture.Api.PostAsync(Route, JobApi.JsonBody("""{"messageIds": ["not-dead-lettered"]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<ReplayResultDto>(JobApi.Json);
        Assert.Equal(0, result!.Replayed);
        Assert.Equal(["not-dead-lettered"], result.NotFound);
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("null", "body")]
    [InlineData("{}", "body")]
    [InlineData("""{"all": false}""", "all")]
    [InlineData("""{"all": "yes"}""", "all")]
    [InlineData("""{"all": true, "messageIds": ["a"]}""", "body")]
    [InlineData("""{"messageId": "a"}""", "messageId")]
    [InlineData("""{"messageIds": []}""", "messageIds")]
    [InlineData("""{"messageIds": "a"}""", "messageIds")]
    [InlineData("""{"messageIds": ["a", " "]}""", "messageIds[1]")]
    [InlineData("""{"messageIds": ["a", null]}""", "messageIds[1]")]
    public async Task Anything_else_is_400_naming_the_field(string body, string field)
    {
        using var response = await fixture.Api.PostAsync(Route, JobApi.JsonBody(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDto>(JobApi.Json);
        Assert.Contains(field, problem!.Errors!.Keys);
    }

    private sealed record ReplayResultDto(string Entity, string SentTo, int Replayed, string[] ReplayedIds, string[] NotFound);
}
