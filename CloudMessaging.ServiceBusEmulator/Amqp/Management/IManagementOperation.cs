namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

internal interface IManagementOperation
{
    /// <summary>The <c>operation</c> application property, e.g. <c>com.microsoft:renew-lock</c>.</summary>
    string Name { get; }

    ManagementResponse Execute(ManagementRequest request);
}
