using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CloudMessaging.Bench.Scenarios;

/// <summary>
/// The queue scenario's shape on RabbitMQ with its own .NET client, as the baseline the emulator is judged against:
/// 1 KB messages published in batches whose confirms are awaited together (as a Service Bus batch send is
/// acknowledged once), then consumed with a prefetch window and each message acknowledged on its own (as each
/// Service Bus message is completed). A non-durable queue and transient messages, because the in-memory emulator
/// keeps messages in memory too; with <c>--durable</c> a durable queue (its own name) and persistent messages, whose
/// confirms RabbitMQ sends once they are on disk.
/// </summary>
internal sealed class RabbitMqQueueRun(IReadOnlyList<IConnection> connections) : IAsyncDisposable
{
    /// <summary>Publishers and consumers spread round robin over <paramref name="count"/> connections, as the Service Bus side does.</summary>
    public static async Task<RabbitMqQueueRun> ConnectAsync(string uri, int count)
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        var connections = new List<IConnection>();
        for (var i = 0; i < Math.Max(1, count); i++)
        {
            connections.Add(await factory.CreateConnectionAsync());
        }

        return new RabbitMqQueueRun(connections);
    }

    public async Task<(double Send, double Receive)> RunAsync(string queue, BenchArguments arguments)
    {
        queue = arguments.Durable ? "durable-" + queue : queue;
        var properties = new BasicProperties { Persistent = arguments.Durable };
        await using (var setup = await connections[0].CreateChannelAsync())
        {
            await setup.QueueDeclareAsync(queue, durable: arguments.Durable, exclusive: false, autoDelete: false);
            await setup.QueuePurgeAsync(queue);
        }

        var body = new byte[1024];
        var batches = arguments.Messages / arguments.BatchSize;
        var nextBatch = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, arguments.Concurrency).Select(async index =>
        {
            await using var channel = await connections[index % connections.Count].CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var pending = new Task[arguments.BatchSize];
            while (Interlocked.Increment(ref nextBatch) <= batches)
            {
                for (var i = 0; i < pending.Length; i++)
                {
                    pending[i] = channel.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, body).AsTask();
                }

                await Task.WhenAll(pending);
            }
        }));
        var sendElapsed = stopwatch.Elapsed;
        var sent = batches * arguments.BatchSize;

        stopwatch.Restart();
        var received = await ConsumeAsync(queue, sent, arguments);
        var receiveElapsed = stopwatch.Elapsed;
        return (sent / sendElapsed.TotalSeconds, received / receiveElapsed.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.CloseAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task<int> ConsumeAsync(string queue, int expected, BenchArguments arguments)
    {
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channels = new List<IChannel>();
        try
        {
            for (var i = 0; i < arguments.Concurrency; i++)
            {
                var channel = await connections[i % connections.Count].CreateChannelAsync();
                channels.Add(channel);
                await channel.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, arguments.Prefetch / arguments.Concurrency), global: false);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += async (_, delivery) =>
                {
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                    if (Interlocked.Increment(ref received) == expected)
                    {
                        done.TrySetResult();
                    }
                };
                await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
            }

            await done.Task;
            return received;
        }
        finally
        {
            foreach (var channel in channels)
            {
                await channel.CloseAsync();
                await channel.DisposeAsync();
            }
        }
    }
}
