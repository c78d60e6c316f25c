namespace CloudMessaging.ServiceBusEmulator.Administration.Http;

/// <summary>One HTTP/1.1 request as the administration API needs it.</summary>
/// <param name="Path">The URL path without its leading '/', percent-decoded.</param>
internal sealed record AdminHttpRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    bool KeepAlive)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public string? QueryValue(string name) => Query.GetValueOrDefault(name);
}
