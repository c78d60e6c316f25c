using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

/// <summary>The message the evaluator table runs against: every value type a filter meets on the wire.</summary>
internal static class TestMessages
{
    public static readonly DateTime EnqueuedTime = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    public static DictionaryRuleMessage Standard() => new DictionaryRuleMessage()
        .With(SystemProperty.MessageId, "msg-1")
        .With(SystemProperty.CorrelationId, "corr-1")
        .With(SystemProperty.ContentType, "application/json")
        .With(SystemProperty.Label, "orders.created")
        .With(SystemProperty.ReplyTo, "replies")
        .With(SystemProperty.SessionId, "s1")
        .With(SystemProperty.To, "store-5")
        .With(SystemProperty.SequenceNumber, 42L)
        .With(SystemProperty.DeliveryCount, 1)
        .With(SystemProperty.Size, 1024L)
        .With(SystemProperty.EnqueuedTimeUtc, EnqueuedTime)
        .With(SystemProperty.TimeToLive, TimeSpan.FromHours(1))
        .With("color", "red")
        .With("quantity", 10)
        .With("price", 2.5d)
        .With("amount", 12.5m)
        .With("big", 5_000_000_000L)
        .With("u8", (byte)7)
        .With("ul", ulong.MaxValue)
        .With("flag", true)
        .With("name", "O'Brien")
        .With("pct", "50%")
        .With("text5", "5")
        .With("nothing", null)
        .With("ch", 'x')
        .With("when", EnqueuedTime.AddDays(1))
        .With("span", TimeSpan.FromMinutes(30))
        .With("id", Guid.Parse("6f1c5a2e-4d0b-4a53-9a55-2b8f1f0c7e11"))
        .With("Property With Space", 1)
        .With("a]b", "bracket")
        .With("Key", "exact-upper")
        .With("key", "exact-lower");
}
