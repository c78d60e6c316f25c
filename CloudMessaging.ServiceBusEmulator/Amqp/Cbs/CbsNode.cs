using CloudMessaging.ServiceBusEmulator.Security;
using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Cbs;

/// <summary>
/// The claims-based security node: a valid SAS token for an audience lets the connection attach links to that
/// entity, and keep them, until the token's signed expiry. Anything else is answered 401 (UnauthorizedAccessException).
/// </summary>
internal sealed class CbsNode(SasTokenValidator validator, ILogger<CbsNode> logger) : RequestResponseNode(logger)
{
    private const string PutTokenOperation = "put-token";

    protected override AmqpMessage Handle(AmqpMessage request, ConnectionContext connection)
    {
        var properties = request.ApplicationProperties?.Map;
        string? operation = null, audience = null;
        if (properties is not null)
        {
            properties.TryGetValue("operation", out operation);
            properties.TryGetValue("name", out audience);
        }

        if (operation != PutTokenOperation || audience is null)
        {
            return Response(400, "Only put-token with a 'name' audience is supported.");
        }

        if (request.ValueBody?.Value is not string token)
        {
            return Response(401, "Unauthorized: the request carries no token.");
        }

        var result = validator.Validate(token, audience);
        if (!result.IsValid)
        {
            Logger.LogTokenRejected(audience, result.Error);
            return Response(401, "Unauthorized: " + result.Error);
        }

        // The grant lasts as long as the token's signed expiry (se); the request's own 'expiration' property is the
        // client's claim, which the JavaScript SDK does not even send.
        connection.Grants.Grant(EntityAddress.Normalize(audience), result.ExpiresAt!.Value);
        return Response(200, "OK");
    }

    private static AmqpMessage Response(int statusCode, string description)
    {
        var response = AmqpMessage.Create();
        response.ApplicationProperties.Map["status-code"] = statusCode;
        response.ApplicationProperties.Map["status-description"] = description;
        return response;
    }
}
