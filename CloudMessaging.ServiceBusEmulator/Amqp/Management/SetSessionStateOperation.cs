using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class SetSessionStateOperation(long maxStateSize) : IManagementOperation
{
    public string Name => "com.microsoft:set-session-state";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var sessionId = request.Required<string>("session-id");
        byte[]? state = request.Get("session-state") switch
        {
            null => null,
            ArraySegment<byte> bytes => bytes.AsSpan().ToArray(),
            byte[] bytes => bytes,
            _ => throw new ManagementException(400, ErrorConditions.ArgumentError, "'session-state' must be binary or null."),
        };
        if (state is not null && state.Length > maxStateSize)
        {
            throw new BrokerException(
                BrokerError.MessageSizeExceeded, $"The session state of {state.Length} bytes exceeds the limit of {maxStateSize} bytes.");
        }

        request.Entity.SetSessionState(sessionId, state);
        return ManagementResponse.Ok;
    }
}
