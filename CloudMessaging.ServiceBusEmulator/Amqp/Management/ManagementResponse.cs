using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed record ManagementResponse(int StatusCode, AmqpMap? Body)
{
    public static readonly ManagementResponse Ok = new(200, null);

    public static readonly ManagementResponse NoContent = new(204, null);

    public static ManagementResponse WithBody(AmqpMap body) => new(200, body);
}
