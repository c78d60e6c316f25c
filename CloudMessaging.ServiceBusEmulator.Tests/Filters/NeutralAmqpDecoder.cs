using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Tests.Filters;

/// <summary>
/// Decodes AMQP bytes leaving every described value a plain <see cref="DescribedType"/>. AmqpCodec turns descriptors
/// registered as known types into their classes, and the SDK registers its rule codecs process-wide once a
/// ServiceBusRuleManager has run; these tests look at the wire shape, whatever ran before them.
/// </summary>
internal static class NeutralAmqpDecoder
{
    private const byte Described = 0x00;
    private const byte List0 = 0x45;
    private const byte List8 = 0xc0;
    private const byte List32 = 0xd0;
    private const byte Map8 = 0xc1;
    private const byte Map32 = 0xd1;

    public static object? Decode(ByteBuffer buffer)
    {
        switch (buffer.Buffer[buffer.Offset])
        {
            case Described:
                AmqpBitConverter.ReadUByte(buffer);
                var descriptor = AmqpCodec.DecodeObject(buffer);
                return new DescribedType(descriptor, Decode(buffer));
            case List0:
                AmqpBitConverter.ReadUByte(buffer);
                return new List<object?>();
            case List8 or List32 or Map8 or Map32:
                var code = AmqpBitConverter.ReadUByte(buffer);
                var count = code is List8 or Map8 ? ReadSmallHeader(buffer) : ReadLargeHeader(buffer);
                return code is List8 or List32 ? ReadList(buffer, count) : ReadMap(buffer, count);
            default:
                return AmqpCodec.DecodeObject(buffer);
        }
    }

    private static int ReadSmallHeader(ByteBuffer buffer)
    {
        AmqpBitConverter.ReadUByte(buffer);
        return AmqpBitConverter.ReadUByte(buffer);
    }

    private static int ReadLargeHeader(ByteBuffer buffer)
    {
        AmqpBitConverter.ReadUInt(buffer);
        return (int)AmqpBitConverter.ReadUInt(buffer);
    }

    private static List<object?> ReadList(ByteBuffer buffer, int count)
    {
        var list = new List<object?>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(Decode(buffer));
        }

        return list;
    }

    private static AmqpMap ReadMap(ByteBuffer buffer, int count)
    {
        var map = new AmqpMap();
        for (var i = 0; i < count; i += 2)
        {
            var key = Decode(buffer)!;
            map[new MapKey(key)] = Decode(buffer);
        }

        return map;
    }
}
