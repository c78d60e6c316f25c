using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CloudMessaging.Bench.Cpu;
using CloudMessaging.Bench.Floors;
using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.Shared.PubSub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// Publisher-subscriber through the whole running AppHost: order events POSTed to the API, which publishes them to the
/// <c>orders</c> topic of the Service Bus emulator; five subscriptions with their filters fan them out to the worker
/// replicas' handlers, which record each handling in Garnet. Two figures:
/// <list type="bullet">
/// <item>burst: N events in batches of 100 from 4 concurrent publishers; events published per second (until the last
/// 202) and delivered per second (until every admitted subscriber has handled every event).</item>
/// <item>steady: single-event POSTs at a fixed rate; end-to-end latency from the API stamping the event's time to the
/// last of its subscribers recording it (p50/p99). Every clock involved is this machine's.</item>
/// </list>
/// </summary>
internal static class PubSubScenario
{
    private const int BatchSize = 100;
    private const int Publishers = 4;
    private const int WarmupEvents = 1_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Countries = ["NL", "BE", "DE", "FR", "GB", "US", "BR", "JP"];
    private static readonly HashSet<string> UsualCountries = ["NL", "BE", "DE", "FR", "GB", "US"];

    public static async Task RunAsync(BenchArguments arguments)
    {
        var (events, rate, seconds, replicas) = (arguments.Events, arguments.Rate, arguments.Seconds, arguments.Replicas);
        Console.WriteLine($"pubsub: burst of {events:N0} events, then {rate}/s for {seconds} s; {replicas} worker replica(s), {arguments.Repeat} run(s)");

        await using var app = await BenchAppHost.StartAsync(replicas);
        using var api = app.CreateHttpClient("api", "http");
        api.Timeout = TimeSpan.FromMinutes(2);
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis"))!);
        var store = new SubscriberStore(redis);

        Console.WriteLine($"load before: {MachineLoad.Read()}");
        await using var floor = await FloorEnvironment.StartAsync((await app.GetConnectionStringAsync("redis"))!, new EmulatorTopology { Topics = PubSubFloor.Topics });
        await PubSubFloor.RunAsync(floor, 2_000);

        // Warm-up: JIT, links and connections on every path.
        var warmups = 0;
        await WarmUp.UntilSettledAsync("event", WarmupEvents, () => BurstAsync(api, store, $"warmup{++warmups}", WarmupEvents));

        var published = new List<double>();
        var delivered = new List<double>();
        var cpuPerEvent = new List<double>();
        var floors = new List<FloorResult>();
        var p50s = new List<double>();
        var p99s = new List<double>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            floors.Add(await PubSubFloor.RunAsync(floor, events));
            Console.WriteLine($"  {floors[^1]}");
            var before = ProcessCpu.Take();
            var burst = await BurstAsync(api, store, $"burst{run}", events);
            var usage = ProcessCpu.Take().Since(before);
            published.Add(burst.PublishedPerSecond);
            delivered.Add(burst.DeliveredPerSecond);
            cpuPerEvent.Add(usage.CountedPerOperation(events));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: burst  published {burst.PublishedPerSecond,8:N0} events/s  delivered to all subscribers {burst.DeliveredPerSecond,8:N0} events/s  ({burst.Copies:N0} subscriber copies)"));
            Console.WriteLine($"  cpu per event (burst): {usage.PerOperation(events)}");
            Console.WriteLine($"  {floors[^1].Compare(burst.DeliveredPerSecond, cpuPerEvent[^1])}");

            var latencies = await SteadyAsync(api, store, $"steady{run}", rate, seconds);
            var sorted = latencies.Order().ToArray();
            p50s.Add(Figures.Percentile(sorted, 50));
            p99s.Add(Figures.Percentile(sorted, 99));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: steady {rate}/s  latency to all subscribers p50 {Figures.Percentile(sorted, 50),7:N1} ms  p90 {Figures.Percentile(sorted, 90),7:N1} ms  p99 {Figures.Percentile(sorted, 99),7:N1} ms  max {sorted[^1],7:N1} ms  ({sorted.Length:N0} events)"));
        }

        var floorRate = Figures.Median(floors.Select(f => f.PerSecond));
        var floorCpu = Figures.Median(floors.Select(f => f.CpuMsPerOperation));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"burst: median {Figures.Median(published):N0} events/s published, {Figures.Median(delivered):N0} events/s delivered; steady {rate}/s: median p50 {Figures.Median(p50s):N1} ms, median p99 {Figures.Median(p99s):N1} ms over {arguments.Repeat} run(s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor: median {floorRate:N0} events/s delivered to all 5, cpu {floorCpu:N2} ms per event; pattern {Figures.Median(delivered) / floorRate:N2}x the floor's rate, {Figures.Median(cpuPerEvent) / floorCpu:N1}x its cpu"));
        Console.WriteLine($"load after: {MachineLoad.Read()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu per event: {Figures.Median(cpuPerEvent):N1} ms"));
        Summary.Add("pubsub_delivered_events_per_s", Figures.Median(delivered));
        Summary.Add("cpu_ms_per_event", Figures.Median(cpuPerEvent));
        Summary.Add("floor_events_per_s", floorRate);
        Summary.Add("floor_cpu_ms_per_event", floorCpu);
        Summary.Add("steady_p99_ms", Figures.Median(p99s));
    }

    private static async Task<(double PublishedPerSecond, double DeliveredPerSecond, int Copies)> BurstAsync(
        HttpClient api, SubscriberStore store, string label, int count)
    {
        var run = $"{label}-{Guid.NewGuid().ToString("N")[..8]}";
        var events = Enumerable.Range(0, count).Select(i => NewSample(run, i)).ToList();
        var batches = events.Chunk(BatchSize).ToList();
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                await PostAsync(api, batches[index].Select(e => e.Body).ToList());
            }
        }));
        var publishedIn = stopwatch.Elapsed;

        await WaitForAllAsync(store, events);
        var deliveredIn = stopwatch.Elapsed;
        return (count / publishedIn.TotalSeconds, count / deliveredIn.TotalSeconds, events.Sum(e => e.Expected));
    }

    private static async Task<List<double>> SteadyAsync(HttpClient api, SubscriberStore store, string label, int rate, int seconds)
    {
        var run = $"{label}-{Guid.NewGuid().ToString("N")[..8]}";
        var events = Enumerable.Range(0, rate * seconds).Select(i => NewSample(run, i)).ToList();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var started = Stopwatch.GetTimestamp();
        var posts = new List<Task>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var due = interval * i - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            posts.Add(PostAsync(api, events[i].Body));
        }

        await Task.WhenAll(posts);
        var records = await WaitForAllAsync(store, events);
        return [.. records.Select(handled => (handled.Values.Max(h => h.HandledAt) - handled.Values.First().PublishedAt).TotalMilliseconds)];
    }

    /// <summary>Polls Garnet until every event has been recorded by every subscriber its filter admits.</summary>
    private static async Task<List<IReadOnlyDictionary<string, HandledEvent>>> WaitForAllAsync(SubscriberStore store, List<Sample> events)
    {
        var done = new Dictionary<string, IReadOnlyDictionary<string, HandledEvent>>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        while (done.Count < events.Count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{events.Count - done.Count} of {events.Count} events were not delivered to all their subscribers in 10 minutes.");
            }

            var pending = events.Where(e => !done.ContainsKey(e.Id)).ToList();
            var looks = await Task.WhenAll(pending.Select(async e => (e, Handled: await store.GetEventAsync(e.Id))));
            foreach (var (sample, handled) in looks)
            {
                if (handled.Count >= sample.Expected)
                {
                    done[sample.Id] = handled;
                }
            }

            if (done.Count < events.Count)
            {
                await Task.Delay(100);
            }
        }

        return [.. events.Select(e => done[e.Id])];
    }

    private static async Task PostAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/orders/events", body, Json);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/orders/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static Sample NewSample(string run, int i)
    {
        string[] types = [OrderEventTypes.OrderPlaced, OrderEventTypes.OrderConfirmed, OrderEventTypes.OrderCancelled];
        var type = types[i % types.Length];
        var total = (i * 37 % 1500) + 0.5m;
        var country = Countries[i % Countries.Length];

        // billing, shipping and analytics take everything; fraud and notifications filter (see Config.json).
        var expected = 3 + (total >= 1000 || !UsualCountries.Contains(country) ? 1 : 0) + (type == OrderEventTypes.OrderConfirmed ? 1 : 0);
        var body = new
        {
            id = $"{run}-{i}",
            type,
            data = new
            {
                orderId = $"order-{run}-{i}",
                customerId = $"customer-{i % 50}",
                total,
                country,
                customerTier = CustomerTiers.All[i % CustomerTiers.All.Count],
                reason = type == OrderEventTypes.OrderCancelled ? "bench" : null,
            },
        };
        return new Sample($"{run}-{i}", body, expected);
    }

    private sealed record Sample(string Id, object Body, int Expected);
}
