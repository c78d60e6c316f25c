using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Tests.Broker;

/// <summary>A consumer with explicit credit that records what the entity hands it.</summary>
internal sealed class TestConsumer(ReceiveMode mode = ReceiveMode.PeekLock) : IMessageConsumer
{
    public List<MessageDelivery> Deliveries { get; } = [];

    public int Credit { get; set; }

    public ReceiveMode ReceiveMode { get; } = mode;

    public int AvailableCredit => Credit;

    public string? SessionId { get; set; }

    public bool SessionLockLost { get; private set; }

    public void OnSessionLockLost() => SessionLockLost = true;

    public void Deliver(in MessageDelivery delivery)
    {
        Credit--;
        Deliveries.Add(delivery);
    }
}
