using Aspire.Hosting;
using Microsoft.Playwright;

namespace CloudMessaging.Tests.Web;

/// <summary>
/// One browser page on the AppHost's web resource, in Debian's Chromium (<c>/usr/bin/chromium</c>; Playwright never
/// downloads a browser). It records every console error, page error and request to a host other than the web's, so a
/// test can assert the page is clean; <see cref="RunAsync"/> saves a screenshot when the test fails
/// (<see cref="ScreenshotsVariable"/>: of every test).
/// </summary>
internal sealed class LivePageSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Set to <c>always</c> to keep a screenshot of every page test, not only of the failing ones.</summary>
    public const string ScreenshotsVariable = "CLOUDMESSAGING_WEB_SCREENSHOTS";

    /// <summary>Long enough for a flow on a loaded 2-core machine; every wait is on a condition, never a sleep.</summary>
    public static readonly float FlowTimeoutMilliseconds = 120_000;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private LivePageSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, Uri web)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        Page = page;
        Web = web;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss"
                && !(url.Host == web.Host && url.Port == web.Port))
            {
                OutsideRequests.Add(request.Url);
            }
        };
    }

    public IPage Page { get; }

    public Uri Web { get; }

    public List<string> ConsoleErrors { get; } = [];

    public List<string> OutsideRequests { get; } = [];

    public static async Task<LivePageSession> OpenAsync(DistributedApplication app, int width = 1280, int height = 900)
    {
        var web = app.GetEndpoint("web", "http");
        // Expectations wait on their condition up to the flow timeout, not Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(FlowTimeoutMilliseconds);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(FlowTimeoutMilliseconds);
        var page = await context.NewPageAsync();
        return new LivePageSession(playwright, browser, context, page, web);
    }

    /// <summary>Opens a route and waits until the interactive circuit is up (Blazor's reconnect UI in place, the page idle).</summary>
    public async Task GoToAsync(string route, string readyTestId)
    {
        await Page.GotoAsync(new Uri(Web, route).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = FlowTimeoutMilliseconds });
        await Assertions.Expect(Page.GetByTestId(readyTestId)).ToBeVisibleAsync(new() { Timeout = FlowTimeoutMilliseconds });
    }

    /// <summary>Runs a test's body; on failure saves a full-page screenshot under the test output's <c>screenshots/</c>.</summary>
    public async Task RunAsync(string name, Func<Task> body)
    {
        try
        {
            await body();
            if (Environment.GetEnvironmentVariable(ScreenshotsVariable) == "always")
            {
                await ScreenshotAsync(name);
            }
        }
        catch (Exception exception)
        {
            await ScreenshotAsync(name);
            if (ConsoleErrors.Count > 0)
            {
                // What the browser said is most often why.
                throw new InvalidOperationException("The browser reported: " + string.Join(" | ", ConsoleErrors), exception);
            }

            throw;
        }
    }

    private async Task ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    /// <summary>The page is as clean as it must be: no console error, no request to another host, no sideways scrolling.</summary>
    public async Task AssertCleanAsync()
    {
        Assert.True(ConsoleErrors.Count == 0, "console errors: " + string.Join(" | ", ConsoleErrors));
        Assert.True(OutsideRequests.Count == 0, "requests to other hosts: " + string.Join(" | ", OutsideRequests));
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"the page scrolls sideways by {overflow} px at {Page.ViewportSize?.Width} px wide");
    }

    public static async Task<int> IntAttributeAsync(ILocator locator, string name) =>
        int.Parse(await locator.GetAttributeAsync(name) ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        // Leaving the page lets Blazor end its circuit at once (its unload beacon), so the page's event streams to
        // the API close now rather than when the server drops the disconnected circuit minutes later.
        try
        {
            await Page.GotoAsync("about:blank");
        }
        catch (PlaywrightException)
        {
            // The browser is already gone: nothing left to end.
        }

        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
