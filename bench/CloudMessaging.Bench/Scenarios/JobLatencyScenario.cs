using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CloudMessaging.Bench.Cpu;
using CloudMessaging.Bench.Floors;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// Asynchronous request-reply: each of N concurrent clients submits a no-op job, listens to its Server-Sent Events and
/// stops the clock at Succeeded. Everything real: HTTP, Redis, Service Bus, three worker replicas. Two loads:
/// <list type="bullet">
/// <item>saturation: every client submits its next job as soon as the last one succeeded, so the figure is the
/// system's job rate and latency is clients ÷ rate (Little's law);</item>
/// <item>paced: the clients together start R jobs per second on a fixed schedule (client i every N/R s, offset i/R s).
/// Latency counts from the scheduled start, so a system that falls behind is charged for it.</item>
/// </list>
/// Starts its own AppHost without the dashboard, unless <c>--url</c> names a running API.
/// </summary>
internal static class JobLatencyScenario
{
    // A warm-up round; rounds repeat until the CPU per job settles (see WarmUp).
    private const int WarmupJobs = 2_000;

    private static int s_retriedAfter503;

    public static async Task RunAsync(BenchArguments arguments)
    {
        var rates = arguments.Rates.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        await using var app = arguments.Url.Length == 0 ? await BenchAppHost.StartAsync(replicas: 3) : null;
        Uri baseAddress;
        using (var api = app?.CreateHttpClient("api", "http"))
        {
            baseAddress = api?.BaseAddress ?? new Uri(arguments.Url);
        }

        Console.WriteLine($"jobs: POST /api/jobs (noop) → Succeeded via SSE, {arguments.Clients} concurrent clients, {arguments.Jobs} jobs per run, {arguments.Repeat} run(s), against {(app is null ? baseAddress : "its own AppHost (3 worker replicas, no dashboard)")}");
        Console.WriteLine($"load before: {MachineLoad.Read()}");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = arguments.Clients * 2, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

        // The floor runs on the AppHost's Garnet; against a --url there is none to use.
        await using var floor = app is null ? null : await FloorEnvironment.StartAsync(
            (await app.GetConnectionStringAsync("redis"))!, new EmulatorTopology { Queues = JobFloor.Queues });
        if (floor is not null)
        {
            // The floor runs in this process, whose JIT settles too.
            await JobFloor.RunAsync(floor, arguments.Clients, WarmupJobs * 4);
        }

        await WarmUp.UntilSettledAsync("job", WarmupJobs, () => RunSaturatedAsync(http, arguments.Clients, WarmupJobs));
        Console.WriteLine("saturation (each client submits again as soon as its job succeeded), each run after a floor run:");
        var cpuPerJob = new List<double>();
        var rateOfRuns = new List<double>();
        var floors = new List<FloorResult>();
        await ReportAsync(arguments.Repeat, "saturation", async _ =>
        {
            if (floor is not null)
            {
                floors.Add(await JobFloor.RunAsync(floor, arguments.Clients, arguments.Jobs));
                Console.WriteLine($"  {floors[^1]}");
            }

            var measured = await MeasureAsync(() => RunSaturatedAsync(http, arguments.Clients, arguments.Jobs), arguments.Jobs);
            cpuPerJob.Add(measured.CpuPerJob);
            rateOfRuns.Add(arguments.Jobs / measured.Run.Elapsed.TotalSeconds);
            if (floor is not null)
            {
                Console.WriteLine($"  {floors[^1].Compare(rateOfRuns[^1], measured.CpuPerJob)}");
            }

            return measured.Run;
        });

        foreach (var rate in rates)
        {
            Console.WriteLine($"paced at {rate} jobs/s in all ({arguments.Clients} clients, each starting a job every {arguments.Clients * 1000.0 / rate:N0} ms):");
            await ReportAsync(arguments.Repeat, $"paced{rate}", async _ => (await MeasureAsync(() => RunPacedAsync(http, arguments.Clients, rate, arguments.Jobs), arguments.Jobs)).Run);
        }

        Summary.Add("saturation_jobs_per_s", Figures.Median(rateOfRuns));
        Summary.Add("cpu_ms_per_job", Figures.Median(cpuPerJob));
        if (floors.Count > 0)
        {
            Summary.Add("floor_jobs_per_s", Figures.Median(floors.Select(f => f.PerSecond)));
            Summary.Add("floor_cpu_ms_per_job", Figures.Median(floors.Select(f => f.CpuMsPerOperation)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"floor: median {Figures.Median(floors.Select(f => f.PerSecond)):N0} jobs/s, cpu {Figures.Median(floors.Select(f => f.CpuMsPerOperation)):N2} ms per job; pattern at saturation {Figures.Median(rateOfRuns) / Figures.Median(floors.Select(f => f.PerSecond)):N2}x the floor's rate, {Figures.Median(cpuPerJob) / Figures.Median(floors.Select(f => f.CpuMsPerOperation)):N1}x its cpu"));
        }

        Console.WriteLine($"load after: {MachineLoad.Read()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu per job: {Figures.Median(cpuPerJob):N1} ms"));
    }

    /// <summary>Runs the load and prints the CPU every process spent per job meanwhile (the load generator apart).</summary>
    private static async Task<(T Run, double CpuPerJob)> MeasureAsync<T>(Func<Task<T>> runAsync, int jobs)
    {
        var before = ProcessCpu.Take();
        var run = await runAsync();
        var usage = ProcessCpu.Take().Since(before);
        Console.WriteLine($"  cpu per job: {usage.PerOperation(jobs)}");
        return (run, usage.CountedPerOperation(jobs));
    }

    private static async Task ReportAsync(int repeat, string name, Func<int, Task<(List<double> Latencies, TimeSpan Elapsed)>> runAsync)
    {
        var p50s = new List<double>();
        var p99s = new List<double>();
        for (var run = 1; run <= repeat; run++)
        {
            Interlocked.Exchange(ref s_retriedAfter503, 0);
            var (latencies, elapsed) = await runAsync(run);
            if (Interlocked.Exchange(ref s_retriedAfter503, 0) is var retried and > 0)
            {
                Console.WriteLine($"  run {run}: {retried} POST(s) answered 503 (Redis timed out) and were retried after Retry-After");
            }

            var sorted = latencies.Order().ToArray();
            p50s.Add(Figures.Percentile(sorted, 50));
            p99s.Add(Figures.Percentile(sorted, 99));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: p50 {Figures.Percentile(sorted, 50),7:N1} ms  p90 {Figures.Percentile(sorted, 90),7:N1} ms  p99 {Figures.Percentile(sorted, 99),7:N1} ms  max {sorted[^1],7:N1} ms  ({sorted.Length / elapsed.TotalSeconds:N0} jobs/s)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  POST → Succeeded        median p50 {Figures.Median(p50s):N1} ms, median p99 {Figures.Median(p99s):N1} ms over {repeat} run(s)"));
        Summary.Add($"{name}_p99_ms", Figures.Median(p99s));
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> RunSaturatedAsync(HttpClient http, int clients, int jobs)
    {
        var latencies = new List<double>(jobs);
        var remaining = jobs;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                await OneJobAsync(http);
                Record(latencies, Stopwatch.GetElapsedTime(started));
            }
        }));

        return (latencies, stopwatch.Elapsed);
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> RunPacedAsync(HttpClient http, int clients, int rate, int jobs)
    {
        var latencies = new List<double>(jobs);
        var period = TimeSpan.FromSeconds((double)clients / rate);
        var perClient = (jobs + clients - 1) / clients;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            for (var job = 0; job < perClient; job++)
            {
                var scheduled = TimeSpan.FromSeconds((double)client / rate) + job * period;
                if (scheduled - stopwatch.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                await OneJobAsync(http);
                Record(latencies, stopwatch.Elapsed - scheduled);
            }
        }));

        return (latencies, stopwatch.Elapsed);
    }

    private static void Record(List<double> latencies, TimeSpan latency)
    {
        lock (latencies)
        {
            latencies.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>
    /// On an overloaded machine a Redis call can time out: the API answers 503 with Retry-After, and a client retries
    /// as the API documents (the wait counts in the job's latency; the retries are counted and printed).
    /// </summary>
    private static async Task<HttpResponseMessage> PostJobAsync(HttpClient http)
    {
        while (true)
        {
            var response = await http.PostAsync("/api/jobs", new StringContent("""{"kind":"noop"}""", Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            response.Dispose();
            Interlocked.Increment(ref s_retriedAfter503);
            await Task.Delay(wait);
        }
    }

    private static async Task OneJobAsync(HttpClient http)
    {
        using var accepted = await PostJobAsync(http);
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
                return;
            }

            if (status is "Failed" or "Cancelled")
            {
                throw new InvalidOperationException($"A no-op job ended {status}.");
            }
        }

        throw new InvalidOperationException("The event stream ended before the job succeeded.");
    }
}
