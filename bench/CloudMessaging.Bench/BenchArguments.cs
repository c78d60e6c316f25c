using System.Globalization;

namespace CloudMessaging.Bench;

internal sealed record BenchArguments(
    int Messages, int Repeat, int BatchSize, int Prefetch, int Concurrency, bool UseProcessor, int CompleteChunk, string Url, int Clients, int Jobs,
    string? ConnectionString, int High, int Backlog, string RabbitMq, int Connections, string Rates,
    int Megabytes, int Events, int Rate, int Seconds, int Replicas, bool Durable = false, bool Telemetry = false, bool Traced = false)
{
    public static BenchArguments Parse(string[] args)
    {
        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        string Text(string name, string fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new BenchArguments(
            Messages: Read("messages", 100_000),
            Repeat: Read("repeat", 3),
            BatchSize: Read("batch", 100),
            Prefetch: Read("prefetch", 2_000),
            Concurrency: Read("concurrency", 2),
            UseProcessor: args.Contains("--processor"),
            CompleteChunk: Read("complete-chunk", 500),
            Url: Text("url", string.Empty),
            Clients: Read("clients", 50),
            Jobs: Read("jobs", 2_000),
            ConnectionString: Text("connection-string", "") is { Length: > 0 } connectionString ? connectionString : null,
            High: Read("high", 1_000),
            Backlog: Read("backlog", 10_000),
            RabbitMq: Text("rabbitmq", "amqp://guest:guest@localhost:5682/"),
            Connections: Read("connections", 1),
            Rates: Text("rates", "50,100,150"),
            Megabytes: Read("megabytes", 1_024),
            Events: Read("events", 2_000),
            Rate: Read("rate", 50),
            Seconds: Read("seconds", 20),
            Replicas: Read("replicas", 3),
            Durable: args.Contains("--durable"),
            Telemetry: args.Contains("--telemetry"));
    }
}
