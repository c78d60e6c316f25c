namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>Backs GetMessageSessionsAsync: ids of sessions with messages or state, paged by skip/top.</summary>
internal sealed class GetMessageSessionsOperation : IManagementOperation
{
    public string Name => "com.microsoft:get-message-sessions";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var skip = Convert.ToInt32(request.Get("skip") ?? 0);
        var top = Convert.ToInt32(request.Get("top") ?? 100);
        var ids = request.Entity.GetSessionIds(skip, top);
        if (ids.Length == 0)
        {
            return ManagementResponse.NoContent;
        }

        // The SDK spells the key "sessions-ids" and needs an AMQP array of strings.
        return ManagementResponse.WithBody(new()
        {
            { ManagementRequest.Key("sessions-ids"), ids },
            { ManagementRequest.Key("skip"), skip + ids.Length },
        });
    }
}
