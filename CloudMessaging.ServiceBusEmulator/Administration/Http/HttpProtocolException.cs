namespace CloudMessaging.ServiceBusEmulator.Administration.Http;

/// <summary>The bytes on the connection are not a request this server can read; it answers the status and closes.</summary>
internal sealed class HttpProtocolException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
