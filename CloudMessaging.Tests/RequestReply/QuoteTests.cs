using System.Net;
using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.RequestReply;

[Collection(AppHostCollection.Name)]
public sealed class QuoteTests(AppHostFixture fixture) : IDisposable
{
    private readonly JobApi _api = new(fixture);

    [Fact]
    public async Task A_quote_is_answered_through_the_reply_session()
    {
        using var response = await _api.Http.PostAsync("/api/quotes", JobApi.JsonBody(new { product = "widget", quantity = 150 }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var quote = (await response.Content.ReadFromJsonAsync<QuoteDto>(JobApi.Json))!;
        Assert.Equal("Answered", quote.Status);
        Assert.NotNull(quote.Quote);
        Assert.Equal(quote.Id, quote.Quote.Id);
        Assert.Equal(2.50m, quote.Quote.UnitPrice);
        Assert.Equal(5m, quote.Quote.DiscountPercent);
        Assert.Equal(356.25m, quote.Quote.Total);
        Assert.False(string.IsNullOrEmpty(quote.Quote.QuotedBy));
    }

    [Fact]
    public async Task Concurrent_quotes_each_get_their_own_answer()
    {
        var quantities = Enumerable.Range(1, 8).Select(i => i * 125).ToArray();
        var answers = await Task.WhenAll(quantities.Select(async quantity =>
        {
            using var response = await _api.Http.PostAsync("/api/quotes", JobApi.JsonBody(new { product = "gizmo", quantity }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<QuoteDto>(JobApi.Json))!;
        }));

        for (var i = 0; i < quantities.Length; i++)
        {
            Assert.Equal(quantities[i], answers[i].Quote!.Quantity);
            Assert.Equal(answers[i].Id, answers[i].Quote!.Id);
        }
    }

    [Fact]
    public async Task A_slow_quote_is_202_with_a_link_that_later_has_the_answer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/quotes")
        {
            Content = JobApi.JsonBody(new { product = "gadget", quantity = 1000, delayMs = 3000 }),
        };
        request.Headers.Add("Prefer", "wait=1");
        using var response = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var pending = (await response.Content.ReadFromJsonAsync<QuoteDto>(JobApi.Json))!;
        Assert.Equal("Pending", pending.Status);
        Assert.Equal($"/api/quotes/{pending.Id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.RetryAfter);

        var answered = await Eventually.ReturnsAsync(
            async () =>
            {
                using var poll = await _api.Http.GetAsync(response.Headers.Location);
                return poll.StatusCode == HttpStatusCode.OK ? await poll.Content.ReadFromJsonAsync<QuoteDto>(JobApi.Json) : null;
            },
            TimeSpan.FromSeconds(60),
            "the slow quote's answer");
        Assert.Equal(10800m, answered.Quote!.Total);
    }

    [Fact]
    public async Task An_unknown_quote_is_404()
    {
        using var response = await _api.Http.GetAsync($"/api/quotes/{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _api.Dispose();

    private sealed record QuoteDto(string Id, string Status, QuoteReplyDto? Quote, string Self);

    private sealed record QuoteReplyDto(string Id, string Product, int Quantity, decimal UnitPrice, decimal DiscountPercent, decimal Total, string QuotedBy);
}
