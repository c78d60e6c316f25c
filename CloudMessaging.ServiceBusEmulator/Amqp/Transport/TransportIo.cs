using Microsoft.Azure.Amqp.Transport;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Transport;

/// <summary>Task-based reads and writes on a transport's callback API (for the sniff and the HTTP side, not for frames).</summary>
internal static class TransportIo
{
    /// <summary>Reads what is available, at most <paramref name="count"/> bytes; 0 at the end of the stream.</summary>
    public static Task<int> ReadAsync(TransportBase transport, byte[] buffer, int offset, int count)
    {
        var args = new TransportAsyncCallbackArgs();
        args.SetBuffer(buffer, offset, count);
        return Run(args, transport.ReadAsync);
    }

    public static async Task WriteAsync(TransportBase transport, byte[] buffer, int offset, int count)
    {
        while (count > 0)
        {
            var args = new TransportAsyncCallbackArgs();
            args.SetBuffer(buffer, offset, count);
            var written = await Run(args, transport.WriteAsync);
            if (written <= 0)
            {
                throw new IOException("The connection accepted no more bytes.");
            }

            offset += written;
            count -= written;
        }
    }

    private static Task<int> Run(TransportAsyncCallbackArgs args, Func<TransportAsyncCallbackArgs, bool> operation)
    {
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        args.CompletedCallback = a => Complete(a, completion);
        if (!operation(args))
        {
            Complete(args, completion);
        }

        return completion.Task;
    }

    private static void Complete(TransportAsyncCallbackArgs args, TaskCompletionSource<int> completion)
    {
        if (args.Exception is not null)
        {
            completion.TrySetException(args.Exception);
        }
        else
        {
            completion.TrySetResult(args.BytesTransfered);
        }
    }
}
