using CloudMessaging.Bench;
using CloudMessaging.Bench.Scenarios;

// dotnet run -c Release --project bench/CloudMessaging.Bench -- queue [--messages 100000] [--repeat 3] [--connection-string "Endpoint=sb://..."]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- queue-baseline --telemetry [--messages 100000] [--repeat 3]   (emulator telemetry off vs on)
// dotnet run -c Release --project bench/CloudMessaging.Bench -- queue-baseline [--durable] [--rabbitmq amqp://guest:guest@localhost:5682/] [--connection-string ...] [--repeat 5]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- sessions [--messages 20000] [--repeat 3]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- competing [--messages 3000] [--repeat 3]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- priority [--high 1000] [--backlog 10000] [--repeat 3]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- topic [--messages 20000] [--repeat 3]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- jobs [--url http://localhost:5080] [--clients 50] [--jobs 2000] [--rates 50,100,150] [--repeat 3]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- claimcheck [--megabytes 1024] [--repeat 1]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- pubsub [--events 2000] [--rate 50] [--seconds 20] [--replicas 3] [--repeat 3]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- saga [--jobs 1000] [--clients 50] [--repeat 3]
// dotnet run -c Release --project bench/CloudMessaging.Bench -- ab --baseline <baseline bench dll> [--pairs 2] -- jobs --jobs 2000  (see bench/prepare-baseline.sh)
var scenarios = new Dictionary<string, Func<BenchArguments, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["queue"] = QueueScenario.RunAsync,
    ["queue-baseline"] = QueueBaselineScenario.RunAsync,
    ["sessions"] = SessionScenario.RunAsync,
    ["competing"] = CompetingConsumersScenario.RunAsync,
    ["priority"] = PriorityScenario.RunAsync,
    ["topic"] = TopicScenario.RunAsync,
    ["jobs"] = JobLatencyScenario.RunAsync,
    ["claimcheck"] = ClaimCheckScenario.RunAsync,
    ["pubsub"] = PubSubScenario.RunAsync,
    ["saga"] = SagaScenario.RunAsync,
};

if (args is ["ab", .. var abArgs])
{
    return await CloudMessaging.Bench.AB.AbRun.RunAsync(abArgs);
}

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/CloudMessaging.Bench -- <scenario> [--messages N] [--repeat R]");
    Console.WriteLine("scenarios: " + string.Join(", ", scenarios.Keys));
    Console.WriteLine("A/B: " + CloudMessaging.Bench.AB.AbRun.Usage);
    return 1;
}

await scenario(BenchArguments.Parse(args[1..]));
Summary.Print();
return 0;
