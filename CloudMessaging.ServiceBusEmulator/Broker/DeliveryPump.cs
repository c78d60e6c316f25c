namespace CloudMessaging.ServiceBusEmulator.Broker;

/// <summary>
/// Runs an entity's delivery pass on one thread at a time, triggered by arrivals, credit and unlocks (no polling):
/// a request while a pass runs makes that pass go round once more instead of starting a second pumper.
/// </summary>
internal sealed class DeliveryPump(Action pass)
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunningAndRequested = 2;

    private int _state;

    public void Request()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == RunningAndRequested)
            {
                return;
            }

            var next = state == Idle ? Running : RunningAndRequested;
            if (Interlocked.CompareExchange(ref _state, next, state) == state)
            {
                if (state != Idle)
                {
                    return;
                }

                break;
            }
        }

        while (true)
        {
            Volatile.Write(ref _state, Running);
            pass();
            if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running)
            {
                return;
            }
        }
    }
}
