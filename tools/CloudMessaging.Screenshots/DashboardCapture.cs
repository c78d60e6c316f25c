using Microsoft.Playwright;

namespace CloudMessaging.Screenshots;

/// <summary>
/// Photographs three dashboard pages: the job's trace, the request-reply meter of the workers, and the structured
/// logs filtered to the job's message id. Telemetry reaches the dashboard a second or so after the work, so each page
/// is given until its content shows.
/// </summary>
public static class DashboardCapture
{
    private static readonly TimeSpan TelemetryArrives = TimeSpan.FromSeconds(8);

    public static async Task CaptureAsync(CaptureOptions options, Uri dashboard, JobStory story)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = options.ChromiumPath, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });

        // Let the last exports land before the first page is read.
        await Task.Delay(TelemetryArrives);
        // The span grid names each span's resource; the page's title already shows the root's name before the grid fills.
        await ShootAsync(page, new Uri(dashboard, $"/traces/detail/{story.TraceId}"), "workers-", Path.Combine(options.OutputDirectory, "dashboard-trace.png"));
        await ShootAsync(
            page,
            new Uri(dashboard, "/metrics/resource/workers?meter=CloudMessaging.RequestReply&instrument=cloudmessaging.requestreply.job.duration&duration=5&view=Graph"),
            "cloudmessaging.requestreply.job.duration",
            Path.Combine(options.OutputDirectory, "dashboard-metrics.png"));
        var filter = Uri.EscapeDataString($"messaging.message.id:equals:{story.JobId}");
        await ShootAsync(page, new Uri(dashboard, $"/structuredlogs?filters={filter}"), story.JobId, Path.Combine(options.OutputDirectory, "dashboard-logs.png"));
    }

    private static async Task ShootAsync(IPage page, Uri url, string expectedText, string file)
    {
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GetByText(expectedText).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // The page settles (charts draw, grids fill) a few seconds after its text shows, longer on a loaded machine.
        await page.WaitForTimeoutAsync(6000);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        Console.WriteLine($"{file} ← {url}");
    }
}
