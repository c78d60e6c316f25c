using CloudMessaging.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

[Collection(AppHostCollection.Name)]
public sealed class SagaPageTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task The_page_loads_with_the_books_and_the_failure_switches_without_a_console_error_or_an_outside_request(int width)
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App, width);
        await session.RunAsync($"saga-load-{width}", async () =>
        {
            await session.GoToAsync("/saga", "order-form");

            await Expect(session.Page.Locator("[data-testid=stock] tr[data-product=widget]")).ToBeVisibleAsync();
            await Expect(session.Page.GetByTestId("failure-switches")).ToBeVisibleAsync();
            await session.AssertCleanAsync();
        });
    }

    [Fact]
    public async Task A_payment_failure_shows_compensated_and_cancelled()
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App);
        await session.RunAsync("saga-fail-at-payment", async () =>
        {
            var page = session.Page;
            await session.GoToAsync("/saga", "order-form");
            await Expect(page.Locator("[data-testid=stock] tr[data-product=widget]")).ToBeVisibleAsync();
            await page.GetByTestId("fail-at").SelectOptionAsync("payment");
            await page.GetByTestId("place-order").ClickAsync();

            await Expect(page.GetByTestId("saga-status")).ToHaveTextAsync("cancelled");
            var rows = page.GetByTestId("saga-sequence").Locator("[data-testid=seq-row]");
            await Expect(rows.And(page.Locator("[data-event=Failed][data-step=payment]"))).ToHaveCountAsync(1);
            await Expect(rows.And(page.Locator("[data-event=Compensated][data-step=inventory]"))).ToHaveCountAsync(1);
            await Expect(rows.And(page.Locator("[data-event=Cancelled]"))).ToHaveCountAsync(1);
            await Expect(rows.And(page.Locator("[data-event=Requested][data-step=shipping]"))).ToHaveCountAsync(0);
            await session.AssertCleanAsync();
        });
    }

    [Fact]
    public async Task A_bad_quantity_shows_the_APIs_problem_next_to_the_field()
    {
        await using var session = await LivePageSession.OpenAsync(fixture.App);
        await session.RunAsync("saga-bad-quantity", async () =>
        {
            var page = session.Page;
            await session.GoToAsync("/saga", "order-form");
            await page.GetByTestId("quantity").FillAsync("0");
            await page.GetByTestId("place-order").ClickAsync();

            await Expect(page.GetByTestId("problem-quantity")).ToContainTextAsync("1 to 1000");
            await Expect(page.GetByTestId("saga-order")).ToHaveCountAsync(0);
        });
    }
}
