using CloudMessaging.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>The saga page, from its controls to the visible outcome, in a real browser.</summary>
[Collection(AppHostCollection.Name)]
public sealed class SagaPageTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_payment_failure_shows_compensated_and_cancelled()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/saga");
            await Expect(page.Locator("[data-testid=stock] tr[data-product=widget]")).ToBeVisibleAsync();
            await page.GetByTestId("fail-at").SelectOptionAsync("payment");
            await page.GetByTestId("place-order").ClickAsync();

            await Expect(page.GetByTestId("saga-status")).ToHaveTextAsync("cancelled");
            var rows = page.GetByTestId("saga-sequence").Locator("[data-testid=seq-row]");
            await Expect(rows.And(page.Locator("[data-event=Failed][data-step=payment]"))).ToHaveCountAsync(1);
            await Expect(rows.And(page.Locator("[data-event=Compensated][data-step=inventory]"))).ToHaveCountAsync(1);
            await Expect(rows.And(page.Locator("[data-event=Cancelled]"))).ToHaveCountAsync(1);
            await Expect(rows.And(page.Locator("[data-event=Requested][data-step=shipping]"))).ToHaveCountAsync(0);
            await session.SavePageAsync("saga");
        });
    }

    [Fact]
    public async Task Bad_input_shows_the_apis_problem_next_to_the_field()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/saga");
            await page.GetByTestId("quantity").FillAsync("0");
            await page.GetByTestId("place-order").ClickAsync();

            await Expect(page.GetByTestId("problem-quantity")).ToContainTextAsync("1 to 1000");
            await Expect(page.GetByTestId("saga-order")).ToHaveCountAsync(0);
        });
    }
}
