using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>A request the node refuses, with the status code and condition the SDK maps to the right exception.</summary>
internal sealed class ManagementException(int statusCode, AmqpSymbol condition, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public AmqpSymbol Condition { get; } = condition;
}
