using Microsoft.Playwright;

namespace CloudMessaging.Tests.Web;

/// <summary>
/// One headless Debian Chromium for a test class, driven by the Playwright driver that ships in the NuGet package
/// (it runs offline; Playwright never downloads a browser here). <c>CHROMIUM_PATH</c> overrides where it is.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>Expectations wait on the page's conditions this long: a loaded 2-core machine is slow, never wrong.</summary>
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(90);

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? DefaultChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No Chromium at {executable}: `apt-get install -y chromium` (.ci/run does it).");
        }

        Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Root (CI) cannot use Chromium's sandbox; small containers have a small /dev/shm.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
