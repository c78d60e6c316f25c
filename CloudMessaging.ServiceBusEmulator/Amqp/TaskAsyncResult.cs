namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>Adapts a Task to the Begin/End pattern Microsoft.Azure.Amqp's factories use.</summary>
internal static class TaskAsyncResult
{
    public static IAsyncResult Begin(Task task, AsyncCallback? callback, object? state)
    {
        var completion = new TaskCompletionSource(state, TaskCreationOptions.RunContinuationsAsynchronously);
        task.ContinueWith(
            static (finished, boxed) =>
            {
                var (source, callback) = ((TaskCompletionSource, AsyncCallback?))boxed!;
                if (finished.IsFaulted)
                {
                    source.TrySetException(finished.Exception!.InnerExceptions);
                }
                else if (finished.IsCanceled)
                {
                    source.TrySetCanceled();
                }
                else
                {
                    source.TrySetResult();
                }

                callback?.Invoke(source.Task);
            },
            (completion, callback),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return completion.Task;
    }

    public static void End(IAsyncResult result) => ((Task)result).GetAwaiter().GetResult();
}
