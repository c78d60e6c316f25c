using System.Net.Http.Json;
using CloudMessaging.Tests.Infrastructure;
using CloudMessaging.Tests.PriorityQueue;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

[Collection(AppHostCollection.Name)]
public sealed class PriorityQueuePageTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task The_page_loads_live_without_a_console_error_or_an_outside_request(int width)
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App, width);
        await session.RunAsync($"priority-queue-load-{width}", async () =>
        {
            await session.GoToAsync("/priority-queue", "level-table");

            // The first stats event has arrived: the chart has drawn each level's line.
            await Expect(session.Page.Locator("[data-testid=chart-depth] polyline[data-series=low]")).ToHaveAttributeAsync("points", new System.Text.RegularExpressions.Regex(@"\d"));
            await Expect(session.Page.GetByTestId("diagram-priority-queue")).ToBeVisibleAsync();
            await session.AssertCleanAsync();
        });
    }

    [Fact]
    public async Task A_high_task_overtakes_a_low_backlog()
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App);
        try
        {
            await session.RunAsync("priority-queue-overtake", async () =>
            {
                var page = session.Page;
                await session.GoToAsync("/priority-queue", "level-table");
                await page.GetByTestId("flood-count").FillAsync("500");
                await page.GetByTestId("flood-work").FillAsync("100");
                await page.GetByTestId("flood").ClickAsync();
                await Expect(page.GetByTestId("flood-accepted")).ToContainTextAsync("500");

                // The backlog is there (the page shows it from the stats stream) before the high tasks go.
                var low = page.Locator("[data-testid=level-table] tr[data-level=low]");
                await Eventually.HoldsAsync(async () => await LivePageSession.IntAttributeAsync(low, "data-waiting") > 0, TimeSpan.FromMinutes(2), "a low backlog on the page");

                await page.GetByTestId("high-count").FillAsync("3");
                await page.GetByTestId("send-high").ClickAsync();

                var run = page.GetByTestId("high-run");
                await Expect(run).ToHaveAttributeAsync("data-done", "true");
                Assert.Equal("true", await run.GetAttributeAsync("data-overtook"));
                Assert.True(await LivePageSession.IntAttributeAsync(run, "data-backlog") > 0);
                await session.AssertCleanAsync();
            });
        }
        finally
        {
            // The collection shares this AppHost: leave no backlog behind for the next test.
            await DrainedAsync();
        }
    }

    private Task DrainedAsync() =>
        Eventually.HoldsAsync(
            async () => (await fixture.Api.GetFromJsonAsync<TaskClient.Stats>("/api/tasks/stats"))!.Levels.Values.All(level => level.WaitingNow == 0),
            TimeSpan.FromMinutes(3),
            "every priority queue to be empty again",
            TimeSpan.FromSeconds(1));
}
