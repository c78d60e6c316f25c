namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal sealed class CancelScheduledMessageOperation : IManagementOperation
{
    public string Name => "com.microsoft:cancel-scheduled-message";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var sequenceNumbers = request.SequenceNumbers("sequence-numbers");
        if (request.Transaction is { } transaction)
        {
            transaction.StageCancellation(request.ScheduleTarget, sequenceNumbers);
        }
        else
        {
            request.ScheduleTarget.CancelScheduled(sequenceNumbers);
        }

        return ManagementResponse.Ok;
    }
}
