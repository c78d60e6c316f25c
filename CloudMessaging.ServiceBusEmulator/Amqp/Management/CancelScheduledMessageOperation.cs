namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class CancelScheduledMessageOperation : IManagementOperation
{
    public string Name => "com.microsoft:cancel-scheduled-message";

    public ManagementResponse Execute(ManagementRequest request)
    {
        request.ScheduleTarget.CancelScheduled(request.SequenceNumbers("sequence-numbers"));
        return ManagementResponse.Ok;
    }
}
