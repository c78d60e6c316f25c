using CloudMessaging.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>The publisher-subscriber page: an event reaches exactly the subscriptions its filters admit; a bad filter shows where.</summary>
[Collection(AppHostCollection.Name)]
public sealed class PubSubPageTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_ordinary_order_reaches_billing_shipping_and_analytics_and_the_filters_of_fraud_and_notifications_turn_it_away()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/pub-sub");
            await Expect(page.GetByTestId("subscription-fraud")).ToBeVisibleAsync();
            // An OrderPlaced of 120.50 in NL: no high-risk total or country, and not a confirmation.
            await page.Locator("#event-total").FillAsync("120.50");
            await page.Locator("#event-country").FillAsync("NL");
            await page.GetByTestId("publish-one").ClickAsync();

            foreach (var name in new[] { "billing", "shipping", "analytics" })
            {
                await Expect(page.GetByTestId($"delivery-{name}")).ToHaveAttributeAsync("data-outcome", "received");
            }

            foreach (var name in new[] { "fraud", "notifications" })
            {
                var row = page.GetByTestId($"delivery-{name}");
                await Expect(row).ToHaveAttributeAsync("data-outcome", "turnedaway");
                await Expect(row).ToContainTextAsync("filter");
            }

            await Expect(page.Locator("[data-testid^=delivery-][data-outcome=received]")).ToHaveCountAsync(3);
            await session.SavePageAsync("pub-sub");
        });
    }

    [Fact]
    public async Task A_filter_the_broker_cannot_parse_shows_its_error_at_the_position_it_names()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/pub-sub");
            var editor = page.GetByTestId("filter-fraud");
            await editor.Locator("textarea").FillAsync("total >= AND");
            await editor.GetByText("Save filter").ClickAsync();
            await Expect(editor.GetByTestId("filter-error")).ToContainTextAsync("position");
            await Expect(editor.GetByTestId("filter-error-position")).ToContainTextAsync("^");
        });
    }
}
