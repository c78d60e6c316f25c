using CloudMessaging.Tests.Security;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>
/// Against the AppHost that requires tokens: the web forwards the development token the AppHost minted for it (the
/// subscribers list needs the operator role), and with fault injection off it offers no failure switch.
/// </summary>
[Collection(SecuredAppHostCollection.Name)]
public sealed class SecuredWebTests(SecuredAppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_web_reaches_operator_endpoints_with_its_forwarded_token_and_hides_the_failure_switches()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/pub-sub");
            await Expect(page.GetByTestId("subscription-fraud")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("unavailable")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("failure-fraud")).ToHaveCountAsync(0);
        });
    }
}
