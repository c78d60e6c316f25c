using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;

namespace CloudMessaging.ServiceBusEmulator.Tests.Conformance;

/// <summary>
/// A bare Microsoft.Azure.Amqp client for what the SDK will not send: unknown operations, malformed requests,
/// attaches without a token.
/// </summary>
internal sealed class RawAmqpClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly AmqpConnection _connection;
    private RequestResponseAmqpLink? _cbs;

    private RawAmqpClient(AmqpConnection connection) => _connection = connection;

    public static async Task<RawAmqpClient> ConnectAsync(int port)
    {
        var connection = await new AmqpConnectionFactory().OpenConnectionAsync(
            new Uri($"amqp://127.0.0.1:{port}"), new SaslAnonymousHandler("MSSBCBS"), Timeout);
        return new RawAmqpClient(connection);
    }

    public async Task<AmqpSession> OpenSessionAsync()
    {
        var session = _connection.CreateSession(new AmqpSessionSettings());
        await session.OpenAsync(Timeout);
        return session;
    }

    public async Task<RequestResponseAmqpLink> OpenRequestResponseLinkAsync(string address)
    {
        var link = new RequestResponseAmqpLink("svc", await OpenSessionAsync(), address, new Fields());
        await link.OpenAsync(Timeout);
        return link;
    }

    public Task<int> PutTokenAsync(string entityPath, string keyName = "RootManageSharedAccessKey", string key = "SAS_KEY_VALUE") =>
        PutTokenAsync(entityPath, DateTimeOffset.UtcNow.AddMinutes(30), DateTime.UtcNow.AddMinutes(30), keyName, key);

    /// <summary>Puts a token signed to expire at <paramref name="signedExpiry"/>, claiming <paramref name="expiration"/>.</summary>
    public async Task<int> PutTokenAsync(
        string entityPath, DateTimeOffset signedExpiry, DateTime expiration, string keyName = "RootManageSharedAccessKey", string key = "SAS_KEY_VALUE")
    {
        _cbs ??= await OpenRequestResponseLinkAsync("$cbs");
        var audience = $"amqp://localhost/{entityPath}";
        var request = AmqpMessage.Create(new AmqpValue { Value = CreateToken("amqps://localhost/", signedExpiry, keyName, key) });
        request.ApplicationProperties.Map["operation"] = "put-token";
        request.ApplicationProperties.Map["type"] = "servicebus.windows.net:sastoken";
        request.ApplicationProperties.Map["name"] = audience;
        request.ApplicationProperties.Map["expiration"] = expiration;
        var response = await _cbs.RequestAsync(request, Timeout);
        return (int)response.ApplicationProperties.Map["status-code"];
    }

    /// <summary>Attaches a peek-lock receiver link to an entity (which needs a token put first).</summary>
    public async Task<ReceivingAmqpLink> OpenReceiverAsync(string entityPath)
    {
        var settings = new AmqpLinkSettings
        {
            LinkName = $"receiver-{Guid.NewGuid():N}",
            Role = true,
            Source = new Source { Address = entityPath },
            Target = new Target { Address = "raw-client" },
            SettleType = SettleMode.SettleOnDispose,
        };
        var link = new ReceivingAmqpLink(await OpenSessionAsync(), settings);
        await link.OpenAsync(Timeout);
        return link;
    }

    public ValueTask DisposeAsync()
    {
        _connection.SafeClose();
        return ValueTask.CompletedTask;
    }

    private static string CreateToken(string resource, DateTimeOffset signedExpiry, string keyName, string key)
    {
        var encodedResource = WebUtility.UrlEncode(resource);
        var expiry = signedExpiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={keyName}";
    }
}
