using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>Application property values (AMQP primitives) as the AMQP map encoding, so every type round-trips.</summary>
internal static class PropertyCodec
{
    public static byte[]? Encode(IReadOnlyDictionary<string, object?>? properties)
    {
        if (properties is null || properties.Count == 0)
        {
            return null;
        }

        var map = new AmqpMap();
        foreach (var (key, value) in properties)
        {
            map[new MapKey(key)] = value;
        }

        using var buffer = new ByteBuffer(AmqpCodec.GetMapEncodeSize(map), false);
        AmqpCodec.EncodeMap(map, buffer);
        return buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray();
    }

    public static Dictionary<string, object?> Decode(byte[] encoded)
    {
        // A rule's empty correlation properties were stored as an empty array: no map to read, and no reason to fail start-up.
        if (encoded.Length == 0)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        using var buffer = new ByteBuffer(encoded, 0, encoded.Length);
        var map = (AmqpMap)AmqpCodec.DecodeObject(buffer);
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in map)
        {
            properties[pair.Key.Key?.ToString() ?? string.Empty] = pair.Value;
        }

        return properties;
    }
}
