using CloudMessaging.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>The request-reply page, from its controls to the visible outcome, in a real browser.</summary>
[Collection(AppHostCollection.Name)]
public sealed class RequestReplyPageTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_submitted_job_reaches_succeeded_at_100_percent_and_the_exchange_shows_202_location_retry_after_and_303()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/request-reply");
            await page.Locator("#job-duration").FillAsync("1200");
            await page.GetByTestId("job-submit").ClickAsync();

            await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Succeeded");
            await Expect(page.GetByTestId("job-progress")).ToHaveTextAsync("100 %");
            await Expect(page.GetByTestId("job-result")).ToContainTextAsync("mean");

            var log = page.GetByTestId("exchange-log");
            var accepted = log.Locator("tr[data-status='202']");
            await Expect(accepted).ToHaveCountAsync(1);
            await Expect(accepted).ToContainTextAsync("POST /api/jobs");
            await Expect(accepted.GetByTestId("location")).ToContainTextAsync("Location: /api/jobs/");
            await Expect(accepted.GetByTestId("retry-after")).ToContainTextAsync("Retry-After: ");
            await Expect(log.Locator("tr[data-status='303']").GetByTestId("location")).ToContainTextAsync("/result");
            await Expect(log.Locator("tr[data-status='200']").Last).ToContainTextAsync("/result");
            await session.SavePageAsync("request-reply");
        });
    }

    [Fact]
    public async Task Bad_input_shows_the_apis_problem_next_to_the_field()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/request-reply");
            await page.Locator("#job-kind").SelectOptionAsync("unknown");
            await page.GetByTestId("job-submit").ClickAsync();
            await Expect(page.GetByTestId("problem-kind")).ToContainTextAsync("Unknown kind 'unknown'");
        });
    }

    [Fact]
    public async Task A_quote_is_answered_through_a_reply_session()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/request-reply");
            await page.Locator("#quote-quantity").FillAsync("120");
            await page.GetByTestId("quote-request").ClickAsync();
            // 120 widgets at 2.50 with 5 % off.
            await Expect(page.GetByTestId("quote-total")).ToHaveTextAsync("285.00");
        });
    }
}
