namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>Backs DeleteMessagesAsync and PurgeMessagesAsync.</summary>
internal sealed class BatchDeleteMessagesOperation : IManagementOperation
{
    public string Name => "com.microsoft:batch-delete-messages";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var maxCount = Convert.ToInt32(request.Get("message-count") ?? 500);
        var before = request.Get("enqueued-time-utc") is DateTime time
            ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))
            : DateTimeOffset.MaxValue;
        var deleted = request.Entity.DeleteMessages(maxCount, before, request.Get("session-id") as string);
        return ManagementResponse.WithBody(new() { { ManagementRequest.Key("message-count"), deleted } });
    }
}
