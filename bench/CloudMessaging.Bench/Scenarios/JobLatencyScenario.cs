using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// Asynchronous request-reply against a running API (start the AppHost first): each of N concurrent clients submits
/// a no-op job, listens to its Server-Sent Events and stops the clock at Succeeded, then submits the next. Prints the
/// POST → Succeeded latency percentiles and the job rate. Everything real: HTTP, Redis, Service Bus, worker replicas.
/// </summary>
internal static class JobLatencyScenario
{
    private const int WarmupJobs = 100;

    public static async Task RunAsync(BenchArguments arguments)
    {
        Console.WriteLine($"jobs: POST /api/jobs (noop) → Succeeded via SSE, {arguments.Clients} concurrent clients, {arguments.Jobs} jobs per run, {arguments.Repeat} run(s), against {arguments.Url}");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = arguments.Clients * 2, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(arguments.Url),
            Timeout = TimeSpan.FromSeconds(60),
        };

        await RunOnceAsync(http, arguments.Clients, WarmupJobs);
        var p50s = new List<double>();
        var p99s = new List<double>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            var (latencies, elapsed) = await RunOnceAsync(http, arguments.Clients, arguments.Jobs);
            var sorted = latencies.Order().ToArray();
            p50s.Add(Figures.Percentile(sorted, 50));
            p99s.Add(Figures.Percentile(sorted, 99));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: p50 {Figures.Percentile(sorted, 50),7:N1} ms  p90 {Figures.Percentile(sorted, 90),7:N1} ms  p99 {Figures.Percentile(sorted, 99),7:N1} ms  max {sorted[^1],7:N1} ms  ({sorted.Length / elapsed.TotalSeconds:N0} jobs/s)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"POST → Succeeded          median p50 {Figures.Median(p50s):N1} ms, median p99 {Figures.Median(p99s):N1} ms over {arguments.Repeat} run(s)"));
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> RunOnceAsync(HttpClient http, int clients, int jobs)
    {
        var latencies = new List<double>(jobs);
        var remaining = jobs;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var latency = await OneJobAsync(http);
                lock (latencies)
                {
                    latencies.Add(latency);
                }
            }
        }));

        return (latencies, stopwatch.Elapsed);
    }

    private static async Task<double> OneJobAsync(HttpClient http)
    {
        var started = Stopwatch.GetTimestamp();
        using var accepted = await http.PostAsync("/api/jobs", new StringContent("""{"kind":"noop"}""", Encoding.UTF8, "application/json"));
        if (accepted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/jobs answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
        }

        using var events = await http.GetAsync(accepted.Headers.Location!.OriginalString + "/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var status = JsonDocument.Parse(line[5..]).RootElement.GetProperty("status").GetString();
            if (status == "Succeeded")
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            if (status is "Failed" or "Cancelled")
            {
                throw new InvalidOperationException($"A no-op job ended {status}.");
            }
        }

        throw new InvalidOperationException("The event stream ended before the job succeeded.");
    }
}
