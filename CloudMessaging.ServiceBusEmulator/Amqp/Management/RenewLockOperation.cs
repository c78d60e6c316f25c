namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class RenewLockOperation : IManagementOperation
{
    public string Name => "com.microsoft:renew-lock";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var tokens = request.LockTokens();
        var expirations = new DateTime[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            expirations[i] = request.Entity.RenewLock(tokens[i]).UtcDateTime;
        }

        return ManagementResponse.WithBody(new() { { ManagementRequest.Key("expirations"), expirations } });
    }
}
