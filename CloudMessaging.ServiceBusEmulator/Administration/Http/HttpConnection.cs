using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Administration.Http;

/// <summary>Serves the requests of one keep-alive connection in turn until the client closes it or asks to.</summary>
internal static class HttpConnection
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    public static async Task ServeAsync(Stream stream, Func<AdminHttpRequest, Task<AdminHttpResponse>> handle, ILogger logger)
    {
        await using var _ = stream;
        var reader = new HttpRequestReader(stream);
        try
        {
            while (true)
            {
                using var idle = new CancellationTokenSource(IdleTimeout);
                var request = await reader.ReadAsync(idle.Token);
                if (request is null)
                {
                    return;
                }

                var response = await handle(request);
                await WriteAsync(stream, response, request.KeepAlive);
                if (!request.KeepAlive)
                {
                    return;
                }
            }
        }
        catch (HttpProtocolException ex)
        {
            await TryWriteAsync(stream, new AdminHttpResponse(ex.Status, "text/plain;charset=utf-8", Encoding.UTF8.GetBytes(ex.Message)), logger);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogAdministrationConnectionEnded(ex);
        }
        catch (Exception ex)
        {
            // Nothing awaits this connection's task: log rather than lose the failure.
            logger.LogAdministrationConnectionFailed(ex);
        }
    }

    private static async Task TryWriteAsync(Stream stream, AdminHttpResponse response, ILogger logger)
    {
        try
        {
            await WriteAsync(stream, response, keepAlive: false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            logger.LogAdministrationConnectionEnded(ex);
        }
    }

    private static async Task WriteAsync(Stream stream, AdminHttpResponse response, bool keepAlive)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {AdminHttpResponse.ReasonOf(response.Status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n")
            .Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var message = new byte[headBytes.Length + response.Body.Length];
        headBytes.CopyTo(message, 0);
        response.Body.CopyTo(message, headBytes.Length);
        await stream.WriteAsync(message);
        await stream.FlushAsync();
    }
}
