using CloudMessaging.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>Every page loads in a real browser, interactive, without a console error or a request to another host, on a desktop and a phone.</summary>
[Collection(AppHostCollection.Name)]
public sealed class WebPagesTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Six messaging patterns on Azure Service Bus" },
        { "/request-reply", "Asynchronous request-reply" },
        { "/pub-sub", "Publisher-subscriber" },
        { "/claim-check", "Claim check" },
        { "/priority-queue", "Priority queue" },
        { "/saga", "Saga" },
        { "/competing-consumers", "Competing consumers" },
        { "/namespace", "Namespace explorer" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_loads_clean_at_desktop_width(string path, string heading)
    {
        await using var session = await WebSession.OpenAsync(browser, appHost, WebSession.Desktop);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync(path);
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await Expect(page.Locator("svg.diagram").First).ToBeVisibleAsync(new() { Visible = path != "/namespace" });
        }, $"{nameof(Page_loads_clean_at_desktop_width)}{path.Replace('/', '_')}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_fits_a_phone_screen(string path, string heading)
    {
        await using var session = await WebSession.OpenAsync(browser, appHost, WebSession.Phone);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync(path);
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            // Nothing wider than the screen: no sideways scrolling of the page itself (wide tables scroll in their box).
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a phone screen");
        }, $"{nameof(Page_fits_a_phone_screen)}{path.Replace('/', '_')}");
    }

    [Fact]
    public async Task Home_lists_the_six_patterns_with_a_diagram_each_and_links_the_namespace_explorer()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/");
            var cards = page.Locator("[data-testid^=pattern-]");
            await Expect(cards).ToHaveCountAsync(6);
            await Expect(page.Locator("[data-testid^=pattern-] svg.diagram")).ToHaveCountAsync(6);
            await session.SavePageAsync("home");
            await page.Locator("main a[href='/namespace']").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Namespace explorer");
        });
    }
}
