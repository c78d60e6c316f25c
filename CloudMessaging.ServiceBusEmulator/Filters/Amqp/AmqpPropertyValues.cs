using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Filters.Amqp;

/// <summary>
/// Maps application-property values between AMQP and .NET the way Azure.Messaging.ServiceBus does: primitives
/// pass through; Uri, DateTimeOffset and TimeSpan travel as described types; symbols read as strings; binary as
/// byte[]. The broker's <see cref="Messages.IRuleMessage"/> should hand filters the .NET side.
/// </summary>
public static class AmqpPropertyValues
{
    public const string UriDescriptor = "com.microsoft:uri";

    public const string DateTimeOffsetDescriptor = "com.microsoft:datetime-offset";

    public const string TimeSpanDescriptor = "com.microsoft:timespan";

    public static object? FromAmqp(object? value) => value switch
    {
        AmqpSymbol symbol => symbol.Value,
        ArraySegment<byte> binary => binary.ToArray(),
        DescribedType { Descriptor: AmqpSymbol descriptor } described => descriptor.Value switch
        {
            UriDescriptor when described.Value is string uri => new Uri(uri),
            TimeSpanDescriptor when described.Value is long ticks => new TimeSpan(ticks),
            DateTimeOffsetDescriptor when described.Value is long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
            _ => value,
        },
        _ => value,
    };

    public static object? ToAmqp(object? value) => value switch
    {
        Uri uri => new DescribedType((AmqpSymbol)UriDescriptor, uri.AbsoluteUri),
        DateTimeOffset offset => new DescribedType((AmqpSymbol)DateTimeOffsetDescriptor, offset.UtcTicks),
        TimeSpan span => new DescribedType((AmqpSymbol)TimeSpanDescriptor, span.Ticks),
        byte[] bytes => new ArraySegment<byte>(bytes),
        _ => value,
    };
}
