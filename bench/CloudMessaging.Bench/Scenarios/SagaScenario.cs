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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// Order sagas end to end on the whole AppHost with three worker replicas: N orders (happy path: reserve, charge,
/// ship) are placed by C concurrent HTTP clients, and the clock stops when the last one reads Completed. Each saga is
/// 7 messages through the emulator (start, 3 commands, 3 replies) plus 3 scheduled and cancelled timeouts, one topic
/// event, and about 10 Garnet transactions. Prints sagas completed per second.
/// </summary>
internal static class SagaScenario
{
    private const int WarmupSagas = 300;

    public static async Task RunAsync(BenchArguments arguments)
    {
        var sagas = arguments.Jobs;
        Console.WriteLine($"saga: POST /api/orders → Completed, {sagas} sagas per run, {arguments.Clients} submitting clients, 3 worker replicas, {arguments.Repeat} run(s)");
        await using var app = await BenchAppHost.StartAsync(replicas: 3);
        using var api = app.CreateHttpClient("api", "http");
        api.Timeout = TimeSpan.FromSeconds(60);

        Console.WriteLine($"load before: {MachineLoad.Read()}");
        await using var floor = await FloorEnvironment.StartAsync((await app.GetConnectionStringAsync("redis"))!, new EmulatorTopology { Queues = SagaFloor.Queues });
        await SagaFloor.RunAsync(floor, arguments.Clients, WarmupSagas * 2);
        await WarmUp.UntilSettledAsync("saga", WarmupSagas, () => RunOnceAsync(api, arguments.Clients, WarmupSagas));
        var rates = new List<double>();
        var cpuPerSaga = new List<double>();
        var floors = new List<FloorResult>();
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            floors.Add(await SagaFloor.RunAsync(floor, arguments.Clients, sagas));
            Console.WriteLine($"  {floors[^1]}");
            var before = ProcessCpu.Take();
            var (elapsed, cancelled) = await RunOnceAsync(api, arguments.Clients, sagas);
            var usage = ProcessCpu.Take().Since(before);
            var rate = (sagas - cancelled) / elapsed.TotalSeconds;
            rates.Add(rate);
            cpuPerSaga.Add(usage.CountedPerOperation(sagas));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: {rate,8:N1} sagas/s  ({sagas} in {elapsed.TotalSeconds:N1} s; {cancelled} cancelled by a spurious timeout)"));
            Console.WriteLine($"  cpu per saga: {usage.PerOperation(sagas)}");
            Console.WriteLine($"  {floors[^1].Compare(rate, cpuPerSaga[^1])}");
        }

        var median = Figures.Median(rates);
        var floorRate = Figures.Median(floors.Select(f => f.PerSecond));
        var floorCpu = Figures.Median(floors.Select(f => f.CpuMsPerOperation));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sagas completed           median {median:N1} sagas/s over {rates.Count} run(s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor: median {floorRate:N1} sagas/s, cpu {floorCpu:N2} ms per saga; pattern {median / floorRate:N2}x the floor's rate, {Figures.Median(cpuPerSaga) / floorCpu:N1}x its cpu"));
        Console.WriteLine($"load after: {MachineLoad.Read()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu per saga: {Figures.Median(cpuPerSaga):N1} ms"));
        Summary.Add("sagas_per_s", median);
        Summary.Add("cpu_ms_per_saga", Figures.Median(cpuPerSaga));
        Summary.Add("floor_sagas_per_s", floorRate);
        Summary.Add("floor_cpu_ms_per_saga", floorCpu);
    }

    private static async Task<(TimeSpan Elapsed, int Cancelled)> RunOnceAsync(HttpClient api, int clients, int sagas)
    {
        var stopwatch = Stopwatch.StartNew();
        var ids = new List<string>(sagas);
        var remaining = sagas;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var id = await PlaceAsync(api, client);
                lock (ids)
                {
                    ids.Add(id);
                }
            }
        }));

        // Sagas finish roughly in the order they started: poll the oldest unfinished one, so that watching costs the
        // system under test next to nothing.
        var cancelled = 0;
        foreach (var id in ids)
        {
            string status;
            while ((status = await StatusAsync(api, id)) is not ("completed" or "cancelled"))
            {
                await Task.Delay(100);
            }

            cancelled += status == "cancelled" ? 1 : 0;
        }

        return (stopwatch.Elapsed, cancelled);
    }

    private static async Task<string> PlaceAsync(HttpClient api, int client)
    {
        var order = new { customerId = $"bench-{client}", amount = 10.00m, items = new[] { new { productId = "widget", quantity = 1 } } };
        using var response = await api.PostAsJsonAsync("/api/orders", order);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/orders answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }

    private static async Task<string> StatusAsync(HttpClient api, string id)
    {
        using var response = await api.GetAsync($"/api/orders/{id}");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return document.RootElement.GetProperty("status").GetString()!;
    }
}
