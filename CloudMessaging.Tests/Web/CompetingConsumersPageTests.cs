using CloudMessaging.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>The competing-consumers page, from its controls to the visible outcome, in a real browser.</summary>
[Collection(AppHostCollection.Name)]
public sealed class CompetingConsumersPageTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_batch_spreads_over_at_least_two_replicas()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/competing-consumers");
            await page.GetByTestId("batch-count").FillAsync("300");
            await page.GetByTestId("batch-handler").FillAsync("20");
            await page.GetByTestId("send-batch").ClickAsync();

            var batch = page.GetByTestId("batch");
            await Expect(batch).ToHaveAttributeAsync("data-processed", "300");
            var counts = new List<int>();
            foreach (var bar in await batch.GetByTestId("replica-bar").AllAsync())
            {
                counts.Add(await PriorityQueuePageTests.IntAttributeAsync(bar, "data-count"));
            }

            Assert.True(counts.Count(count => count > 0) >= 2, $"items per replica: {string.Join(", ", counts)}");
            Assert.Equal(300, counts.Sum());
            await Expect(page.GetByTestId("max-applications")).ToHaveTextAsync("1");
            await session.SavePageAsync("competing-consumers");
        });
    }

    [Fact]
    public async Task An_ordered_batch_finishes_with_no_order_violation()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/competing-consumers");
            await page.GetByTestId("ordered-keys").FillAsync("3");
            await page.GetByTestId("ordered-items").FillAsync("5");
            await page.GetByTestId("send-ordered").ClickAsync();

            await Expect(page.GetByTestId("ordered")).ToHaveAttributeAsync("data-keys-completed", "3");
            await Expect(page.GetByTestId("order-violations")).ToHaveTextAsync("0");
        });
    }

    [Fact]
    public async Task Bad_input_shows_the_apis_problem_next_to_the_field()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/competing-consumers");
            await page.GetByTestId("batch-count").FillAsync("0");
            await page.GetByTestId("send-batch").ClickAsync();

            await Expect(page.GetByTestId("batch-form").GetByTestId("problem-count")).ToContainTextAsync("between 1 and");
            await Expect(page.GetByTestId("batch")).ToHaveCountAsync(0);
        });
    }
}
