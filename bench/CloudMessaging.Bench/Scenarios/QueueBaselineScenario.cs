using System.Globalization;
using CloudMessaging.Bench.Cpu;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// The queue scenario against a baseline in the same process run: the emulator with the Azure SDK, then RabbitMQ with
/// its own client, same message count, size, batch, prefetch and concurrency, alternating which goes first in each
/// run so neither always meets a warmer or cooler machine. Prints both and the emulator's ratio to the baseline.
/// RabbitMQ must be running (see docs/emulator.md, Performance). With <c>--durable</c> both keep what they acknowledge:
/// the emulator on a data directory (a fresh temporary one), RabbitMQ with a durable queue and persistent messages.
/// </summary>
internal static class QueueBaselineScenario
{
    public static async Task RunAsync(BenchArguments arguments)
    {
        if (arguments.Telemetry)
        {
            await TelemetryCostScenario.RunAsync(arguments);
            return;
        }

        var dataDirectory = arguments.Durable && arguments.ConnectionString is null ? Directory.CreateTempSubdirectory("bench-durable-").FullName : null;
        try
        {
            await RunAsync(arguments, dataDirectory);
        }
        finally
        {
            if (dataDirectory is not null)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static async Task RunAsync(BenchArguments arguments, string? dataDirectory)
    {
        Console.WriteLine($"queue-baseline{(arguments.Durable ? " --durable" : string.Empty)}: {arguments.Messages:N0} x 1 KB, batches of {arguments.BatchSize}, {arguments.Concurrency} sender(s)/receiver(s) on {arguments.Connections} connection(s) each, prefetch {arguments.Prefetch}, {arguments.Repeat} run(s); emulator {(arguments.ConnectionString is null ? "in-process" : "external")} vs RabbitMQ at {new Uri(arguments.RabbitMq).Authority}");
        await using var emulator = await QueueScenario.StartEmulatorAsync(arguments, dataDirectory);
        await using var clients = new ServiceBusClients(arguments.ConnectionString ?? emulator!.ConnectionString, arguments.Connections);
        await using var rabbit = await RabbitMqQueueRun.ConnectAsync(arguments.RabbitMq, arguments.Connections);

        var warmup = arguments with { Messages = QueueScenario.WarmupMessages };
        await QueueScenario.RunOnceAsync(clients, "bench-0", warmup, run: 0, print: false);
        await rabbit.RunAsync("bench-0", warmup);

        var emulatorRates = new List<(double Send, double Receive)>();
        var rabbitRates = new List<(double Send, double Receive)>();
        var emulatorCpu = new List<double>();
        var rabbitCpu = new List<double>();

        // CPU per message sent and received: this process (clients, and the emulator when in-process) and the process
        // listening on RabbitMQ's port; an emulator in its own process is not counted.
        var emulatorClock = new BrokerCpu(null);
        var rabbitClock = new BrokerCpu(new Uri(arguments.RabbitMq) is { IsLoopback: true } rabbitUri ? rabbitUri.Port : null);
        var messages = arguments.Messages / arguments.BatchSize * arguments.BatchSize;
        for (var run = 1; run <= arguments.Repeat; run++)
        {
            async Task MeasureEmulatorAsync()
            {
                var before = emulatorClock.Milliseconds();
                emulatorRates.Add(await QueueScenario.RunOnceAsync(clients, $"bench-{run}", arguments, run, print: false));
                emulatorCpu.Add((emulatorClock.Milliseconds() - before) * 1000 / messages);
            }

            async Task MeasureRabbitAsync()
            {
                var before = rabbitClock.Milliseconds();
                rabbitRates.Add(await rabbit.RunAsync($"bench-{run}", arguments));
                rabbitCpu.Add((rabbitClock.Milliseconds() - before) * 1000 / messages);
            }

            if (run % 2 == 1)
            {
                await MeasureEmulatorAsync();
                await MeasureRabbitAsync();
            }
            else
            {
                await MeasureRabbitAsync();
                await MeasureEmulatorAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: emulator send {emulatorRates[^1].Send,9:N0}  receive+complete {emulatorRates[^1].Receive,7:N0} msg/s  cpu {emulatorCpu[^1],5:N1} us/msg | RabbitMQ send {rabbitRates[^1].Send,9:N0}  receive+ack {rabbitRates[^1].Receive,7:N0} msg/s  cpu {rabbitCpu[^1],5:N1} us/msg"));
        }

        Report("send", "send", emulatorRates.Select(r => r.Send), rabbitRates.Select(r => r.Send));
        Report("receive+complete/ack", "receive", emulatorRates.Select(r => r.Receive), rabbitRates.Select(r => r.Receive));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"cpu per message",-22} median emulator {Figures.Median(emulatorCpu),9:N1} us ({(arguments.ConnectionString is null ? "bench process: clients and emulator" : "bench process: clients only")}), RabbitMQ {Figures.Median(rabbitCpu),9:N1} us (bench process{(rabbitClock.HasBroker ? " and RabbitMQ's process" : ", RabbitMQ's process not found")})"));
        Summary.Add("emulator_cpu_us_per_msg", Figures.Median(emulatorCpu));
        Summary.Add("rabbitmq_cpu_us_per_msg", Figures.Median(rabbitCpu));
    }

    private static void Report(string label, string name, IEnumerable<double> emulator, IEnumerable<double> baseline)
    {
        var emulatorMedian = Figures.Median(emulator);
        var baselineMedian = Figures.Median(baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-22} median emulator {emulatorMedian,9:N0} msg/s, RabbitMQ {baselineMedian,9:N0} msg/s, ratio {emulatorMedian / baselineMedian:N2}"));
        Summary.Add($"emulator_{name}_per_s", emulatorMedian);
        Summary.Add($"rabbitmq_{name}_per_s", baselineMedian);
        Summary.Add($"{name}_ratio", emulatorMedian / baselineMedian);
    }
}
