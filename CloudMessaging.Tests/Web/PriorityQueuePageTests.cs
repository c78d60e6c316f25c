using System.Globalization;
using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;
using CloudMessaging.Tests.PriorityQueue;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>The priority-queue page, from its controls to the visible outcome, in a real browser.</summary>
[Collection(AppHostCollection.Name)]
public sealed class PriorityQueuePageTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_high_task_overtakes_a_low_backlog()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        try
        {
            await session.RunAsync(async page =>
            {
                await session.GotoAsync("/priority-queue");
                // The first stats event has arrived: the chart draws each level's line.
                await Expect(page.Locator("[data-testid=chart-depth] polyline[data-series=low]")).ToHaveAttributeAsync("points", new System.Text.RegularExpressions.Regex(@"\d"));

                await page.GetByTestId("flood-count").FillAsync("500");
                await page.GetByTestId("flood-work").FillAsync("100");
                await page.GetByTestId("flood").ClickAsync();
                await Expect(page.GetByTestId("flood-accepted")).ToContainTextAsync("500");

                // The backlog shows on the page (from the stats stream) before the high tasks go.
                var low = page.Locator("[data-testid=level-table] tr[data-level=low]");
                await Eventually.HoldsAsync(async () => await IntAttributeAsync(low, "data-waiting") > 0, BrowserFixture.ExpectTimeout, "a low backlog on the page");

                await page.GetByTestId("high-count").FillAsync("3");
                await page.GetByTestId("send-high").ClickAsync();

                var run = page.GetByTestId("high-run");
                await Expect(run).ToHaveAttributeAsync("data-done", "true");
                Assert.Equal("true", await run.GetAttributeAsync("data-overtook"));
                Assert.True(await IntAttributeAsync(run, "data-backlog") > 0);
                await session.SavePageAsync("priority-queue");
            });
        }
        finally
        {
            // The collection shares this AppHost: leave no backlog behind for the next test.
            await Eventually.HoldsAsync(
                async () => (await appHost.Api.GetFromJsonAsync<TaskClient.Stats>("/api/tasks/stats"))!.Levels.Values.All(level => level.WaitingNow == 0),
                TimeSpan.FromMinutes(3),
                "every priority queue to be empty again",
                TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task Bad_input_shows_the_apis_problem_next_to_the_field()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/priority-queue");
            await page.GetByTestId("high-work").FillAsync("-5");
            await page.GetByTestId("send-high").ClickAsync();

            await Expect(page.GetByTestId("high-form").GetByTestId("problem-workMilliseconds").First).ToContainTextAsync("between 0 and");
            await Expect(page.GetByTestId("high-run")).ToHaveCountAsync(0);
        });
    }

    internal static async Task<int> IntAttributeAsync(ILocator locator, string name) =>
        int.Parse(await locator.GetAttributeAsync(name) ?? "0", CultureInfo.InvariantCulture);
}
