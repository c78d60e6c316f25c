using System.Buffers.Binary;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// Where the sections the broker rewrites on every delivery (header, delivery and message annotations) end in a
/// stored encoding, and what the sender had put in them. A delivery is then a freshly encoded header and
/// annotations followed by the sender's remaining bytes, untouched and uncopied.
/// </summary>
internal sealed class EncodingLayout
{
    private const byte Described = 0x00;
    private const ulong HeaderCode = 0x70;
    private const ulong MessageAnnotationsCode = 0x72;
    private const ulong PropertiesCode = 0x73;

    private EncodingLayout(int restOffset, Header? header, KeyValuePair<MapKey, object>[] annotations)
    {
        RestOffset = restOffset;
        SenderHeader = header;
        SenderAnnotations = annotations;
    }

    /// <summary>Offset of the first section after the header and annotations (properties, application properties, body).</summary>
    public int RestOffset { get; }

    public Header? SenderHeader { get; }

    public KeyValuePair<MapKey, object>[] SenderAnnotations { get; }

    /// <summary>Null when the encoding uses a form this reader does not skip (e.g. symbolic descriptors).</summary>
    public static EncodingLayout? TryRead(ReadOnlySpan<byte> encoded, Header? header, MessageAnnotations? annotations)
    {
        var position = 0;
        while (position < encoded.Length)
        {
            var start = position;
            if (!TrySkipSection(encoded, ref position, out var code))
            {
                return null;
            }

            if (code < HeaderCode || code > MessageAnnotationsCode)
            {
                position = start;
                break;
            }
        }

        var entries = annotations?.Map is { Count: > 0 } map ? map.ToArray() : [];
        return new EncodingLayout(position, header, entries);
    }

    /// <summary>Where a properties section starting at <paramref name="offset"/> ends; the offset itself when none starts there.</summary>
    public static int PropertiesSectionEnd(ReadOnlySpan<byte> encoded, int offset)
    {
        var position = offset;
        return TrySkipSection(encoded, ref position, out var code) && code == PropertiesCode ? position : offset;
    }

    private static bool TrySkipSection(ReadOnlySpan<byte> data, ref int position, out ulong code)
    {
        code = 0;
        if (data.Length - position < 3 || data[position++] != Described)
        {
            return false;
        }

        switch (data[position++])
        {
            case 0x53: // smallulong
                code = data[position++];
                break;
            case 0x80: // ulong
                if (data.Length - position < 8)
                {
                    return false;
                }

                code = BinaryPrimitives.ReadUInt64BigEndian(data[position..]);
                position += 8;
                break;
            default:
                return false;
        }

        if (position >= data.Length)
        {
            return false;
        }

        switch (data[position++])
        {
            case 0x40: // null
            case 0x45: // list0
                return true;
            case 0xc0: // list8
            case 0xc1: // map8
                if (position >= data.Length)
                {
                    return false;
                }

                position += 1 + data[position];
                return position <= data.Length;
            case 0xd0: // list32
            case 0xd1: // map32
                if (data.Length - position < 4)
                {
                    return false;
                }

                var size = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
                if (size > (uint)(data.Length - position - 4))
                {
                    return false;
                }

                position += 4 + (int)size;
                return true;
            default:
                // Sections after the annotations (data, value, sequence bodies) are never skipped, only recognised.
                position--;
                return code > MessageAnnotationsCode;
        }
    }
}
