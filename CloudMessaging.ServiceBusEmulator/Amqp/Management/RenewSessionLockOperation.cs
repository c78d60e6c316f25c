namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class RenewSessionLockOperation : IManagementOperation
{
    public string Name => "com.microsoft:renew-session-lock";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var lockedUntil = request.Entity.RenewSessionLock(request.Required<string>("session-id"));
        return ManagementResponse.WithBody(new() { { ManagementRequest.Key("expiration"), lockedUntil.UtcDateTime } });
    }
}
