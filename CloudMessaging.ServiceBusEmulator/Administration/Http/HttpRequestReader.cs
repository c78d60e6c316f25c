using System.Text;

namespace CloudMessaging.ServiceBusEmulator.Administration.Http;

/// <summary>
/// Reads HTTP/1.1 requests off one connection: request line, headers, and a Content-Length body (the SDK sends
/// no chunked bodies; they are refused with 411). Bytes past one request stay buffered for the next (keep-alive).
/// </summary>
internal sealed class HttpRequestReader(Stream stream)
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[8 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next request, or null when the client closed the connection between requests.</summary>
    public async Task<AdminHttpRequest?> ReadAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = FindHeaderEnd()) < 0)
        {
            if (_end - _start >= MaxHeaderBytes)
            {
                throw new HttpProtocolException(431, "The request headers are too large.");
            }

            if (!await FillAsync(cancellationToken))
            {
                return _end == _start ? null : throw new HttpProtocolException(400, "The connection closed inside a request.");
            }
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;
        var lines = head.Split("\r\n");
        var (method, target, version) = ParseRequestLine(lines[0]);
        var headers = ParseHeaders(lines.AsSpan(1));
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpProtocolException(411, "Chunked request bodies are not supported; send a Content-Length.");
        }

        var body = await ReadBodyAsync(headers, cancellationToken);
        var connection = headers.GetValueOrDefault("Connection");
        var keepAlive = version == "HTTP/1.1"
            ? !string.Equals(connection, "close", StringComparison.OrdinalIgnoreCase)
            : string.Equals(connection, "keep-alive", StringComparison.OrdinalIgnoreCase);
        var (path, query) = RequestTarget.Parse(target);
        return new AdminHttpRequest(method, path, query, headers, body, keepAlive);
    }

    private static (string Method, string Target, string Version) ParseRequestLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[1].StartsWith('/') || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new HttpProtocolException(400, "The request line is not 'METHOD /path HTTP/1.x'.");
        }

        return (parts[0], parts[1], parts[2]);
    }

    private static Dictionary<string, string> ParseHeaders(ReadOnlySpan<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new HttpProtocolException(400, $"'{line}' is not a header line.");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }

    private async Task<byte[]> ReadBodyAsync(Dictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (!headers.TryGetValue("Content-Length", out var lengthText))
        {
            return [];
        }

        if (!int.TryParse(lengthText, out var length) || length < 0)
        {
            throw new HttpProtocolException(400, "Content-Length is not a number.");
        }

        if (length > MaxBodyBytes)
        {
            throw new HttpProtocolException(413, $"Request bodies are limited to {MaxBodyBytes} bytes.");
        }

        while (_end - _start < length)
        {
            if (!await FillAsync(cancellationToken))
            {
                throw new HttpProtocolException(400, "The connection closed inside a request body.");
            }
        }

        var body = _buffer.AsSpan(_start, length).ToArray();
        _start += length;
        return body;
    }

    private int FindHeaderEnd()
    {
        var index = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : _start + index;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
