using System.Runtime.CompilerServices;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CloudMessaging.Tests.Web;

/// <summary>
/// One browser context on the AppHost's web resource. It records every console error, page error and request to a
/// host other than the web's, which <see cref="RunAsync"/> asserts there were none of; a failing test leaves a
/// screenshot in <c>TestResults/screenshots/</c>.
/// </summary>
public sealed class WebSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private WebSession(IBrowserContext context, IPage page, Uri baseAddress)
    {
        _context = context;
        Page = page;
        BaseAddress = baseAddress;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss"
                && (url.Host != baseAddress.Host || url.Port != baseAddress.Port))
            {
                Record($"request to another host: {request.Method} {request.Url}");
            }
        };
    }

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static async Task<WebSession> OpenAsync(BrowserFixture browser, AppHostFixture appHost, ViewportSize? viewport = null)
    {
        var baseAddress = appHost.App.GetEndpoint("web", "http");
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
        });
        context.SetDefaultTimeout((float)BrowserFixture.ExpectTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)BrowserFixture.ExpectTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new WebSession(context, page, baseAddress);
    }

    /// <summary>Opens <paramref name="path"/> and waits until the circuit is interactive (the page marks it).</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page.Locator("[data-testid=interactive]")).ToHaveCountAsync(1);
    }

    /// <summary>Runs a test body, then checks the page stayed clean; on failure saves a screenshot named after the test.</summary>
    public async Task RunAsync(Func<IPage, Task> body, [CallerMemberName] string testName = "")
    {
        try
        {
            await body(Page);
            lock (_problems)
            {
                Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
            }
        }
        catch
        {
            await ScreenshotAsync(testName);
            throw;
        }
    }

    /// <summary>Saves what the page shows now to <c>TestResults/pages/</c> (the README's screenshots come from there).</summary>
    public Task SavePageAsync(string name) => ScreenshotAsync(name, "pages");

    public async Task ScreenshotAsync(string name, string kind = "screenshots")
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", kind);
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
