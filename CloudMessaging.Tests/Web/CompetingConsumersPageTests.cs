using CloudMessaging.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

[Collection(AppHostCollection.Name)]
public sealed class CompetingConsumersPageTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task The_page_loads_without_a_console_error_or_an_outside_request(int width)
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App, width);
        await session.RunAsync($"competing-consumers-load-{width}", async () =>
        {
            await session.GoToAsync("/competing-consumers", "batch-form");

            await Expect(session.Page.GetByTestId("dead-letters")).ToBeVisibleAsync();
            await Expect(session.Page.GetByTestId("failure-switches")).ToBeVisibleAsync();
            await session.AssertCleanAsync();
        });
    }

    [Fact]
    public async Task A_batch_spreads_over_at_least_two_replicas()
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App);
        await session.RunAsync("competing-consumers-batch", async () =>
        {
            var page = session.Page;
            await session.GoToAsync("/competing-consumers", "batch-form");
            await page.GetByTestId("batch-count").FillAsync("300");
            await page.GetByTestId("batch-handler").FillAsync("20");
            await page.GetByTestId("send-batch").ClickAsync();

            var batch = page.GetByTestId("batch");
            await Expect(batch).ToHaveAttributeAsync("data-processed", "300");
            var counts = new List<int>();
            foreach (var bar in await batch.GetByTestId("replica-bar").AllAsync())
            {
                counts.Add(await LivePageSession.IntAttributeAsync(bar, "data-count"));
            }

            Assert.True(counts.Count(count => count > 0) >= 2, $"items per replica: {string.Join(", ", counts)}");
            Assert.Equal(300, counts.Sum());
            await Expect(page.GetByTestId("max-applications")).ToHaveTextAsync("1");
            await session.AssertCleanAsync();
        });
    }

    [Fact]
    public async Task An_ordered_batch_finishes_with_no_order_violation()
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App);
        await session.RunAsync("competing-consumers-ordered", async () =>
        {
            var page = session.Page;
            await session.GoToAsync("/competing-consumers", "ordered-form");
            await page.GetByTestId("ordered-keys").FillAsync("3");
            await page.GetByTestId("ordered-items").FillAsync("5");
            await page.GetByTestId("send-ordered").ClickAsync();

            var ordered = page.GetByTestId("ordered");
            await Expect(ordered).ToHaveAttributeAsync("data-keys-completed", "3");
            await Expect(page.GetByTestId("order-violations")).ToHaveTextAsync("0");
            await session.AssertCleanAsync();
        });
    }
}
