using CloudMessaging.ServiceBusEmulator.Security;
using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Cbs;

/// <summary>
/// The claims-based security node: a valid SAS token for an audience lets the connection attach links to that
/// entity until the token expires. Anything else is answered 401, which the SDK raises as UnauthorizedAccessException.
/// </summary>
internal sealed class CbsNode(SasTokenValidator validator, TimeProvider time, ILogger<CbsNode> logger) : RequestResponseNode(logger)
{
    private const string PutTokenOperation = "put-token";

    protected override AmqpMessage Handle(AmqpMessage request, ConnectionContext connection)
    {
        var properties = request.ApplicationProperties?.Map;
        string? operation = null, audience = null;
        DateTime? expiration = null;
        if (properties is not null)
        {
            properties.TryGetValue("operation", out operation);
            properties.TryGetValue("name", out audience);
            if (properties.TryGetValue("expiration", out DateTime expiresAt))
            {
                expiration = expiresAt;
            }
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

        var until = expiration is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : time.GetUtcNow().AddMinutes(20);
        connection.Authorize(EntityAddress.Normalize(audience), until);
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
