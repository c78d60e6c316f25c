using System.Collections.Concurrent;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using CloudMessaging.ServiceBusEmulator.Configuration;

namespace CloudMessaging.Bench.Floors;

/// <summary>
/// The least a three-step saga needs, with the SDK directly: the start message and three replies on a session queue
/// (one consumer per saga at a time), three commands to a participant queue, the saga's state read and written in
/// the session at each of its four messages (the last write clears it). 7 messages, 4 session-state writes.
/// </summary>
internal static class SagaFloor
{
    private const string SagaQueue = "floor-saga";
    private const string ParticipantQueue = "floor-participant";
    private const int Steps = 3;

    public static QueueDefinition[] Queues => [new() { Name = SagaQueue, RequiresSession = true }, new() { Name = ParticipantQueue }];

    public static async Task<FloorResult> RunAsync(FloorEnvironment floor, int clients, int sagas)
    {
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource>();
        await using var toSaga = floor.ServiceBus.CreateSender(SagaQueue);
        await using var toParticipant = floor.ServiceBus.CreateSender(ParticipantQueue);
        await using var orchestrator = floor.ServiceBus.CreateSessionProcessor(SagaQueue, new ServiceBusSessionProcessorOptions
        {
            MaxConcurrentSessions = 16,
            MaxConcurrentCallsPerSession = 1,
            SessionIdleTimeout = TimeSpan.FromSeconds(1),
            AutoCompleteMessages = false,
        });
        orchestrator.ProcessErrorAsync += _ => Task.CompletedTask;
        orchestrator.ProcessMessageAsync += async args =>
        {
            var state = await args.GetSessionStateAsync();
            var done = state is null || state.ToMemory().IsEmpty ? 0 : int.Parse(state.ToString(), CultureInfo.InvariantCulture);
            var next = args.Message.Subject == "start" ? 0 : done + 1;
            if (next == Steps)
            {
                await args.SetSessionStateAsync(null);
                await args.CompleteMessageAsync(args.Message);
                // The saga is over: release its session rather than idle on it for SessionIdleTimeout.
                args.ReleaseSession();
                waiting[args.SessionId].SetResult();
                return;
            }

            await args.SetSessionStateAsync(BinaryData.FromString(next.ToString(CultureInfo.InvariantCulture)));
            await toParticipant.SendMessageAsync(new ServiceBusMessage($"step-{next}") { Subject = "command", ReplyToSessionId = args.SessionId });
            await args.CompleteMessageAsync(args.Message);
        };

        await using var participant = floor.ServiceBus.CreateProcessor(ParticipantQueue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 8, AutoCompleteMessages = false });
        participant.ProcessErrorAsync += _ => Task.CompletedTask;
        participant.ProcessMessageAsync += async args =>
        {
            await toSaga.SendMessageAsync(new ServiceBusMessage("done") { Subject = "reply", SessionId = args.Message.ReplyToSessionId });
            await args.CompleteMessageAsync(args.Message);
        };

        await orchestrator.StartProcessingAsync();
        await participant.StartProcessingAsync();
        var remaining = sagas;
        var result = await FloorRun.MeasureAsync("7 messages, 4 session-state writes", sagas, () => Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var id = Guid.NewGuid().ToString("N");
                var done = waiting[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await toSaga.SendMessageAsync(new ServiceBusMessage("{}") { Subject = "start", SessionId = id, MessageId = id });
                await done.Task;
                waiting.TryRemove(id, out _);
            }
        })));
        await orchestrator.StopProcessingAsync();
        await participant.StopProcessingAsync();
        return result;
    }
}
