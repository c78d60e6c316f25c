namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class GetSessionStateOperation : IManagementOperation
{
    public string Name => "com.microsoft:get-session-state";

    // The SDK needs a body even when there is no state: it reads the key from the response map.
    public ManagementResponse Execute(ManagementRequest request)
    {
        var state = request.Entity.GetSessionState(request.Required<string>("session-id"));
        var body = new Microsoft.Azure.Amqp.Encoding.AmqpMap();
        body[ManagementRequest.Key("session-state")] = state is null ? null! : new ArraySegment<byte>(state);
        return ManagementResponse.WithBody(body);
    }
}
