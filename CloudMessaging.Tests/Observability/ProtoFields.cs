using Google.Protobuf;

namespace CloudMessaging.Tests.Observability;

/// <summary>
/// One protobuf message read field by field, without generated types: OTLP's .proto files are not in a served package,
/// and the tests read only a few fields, so each is looked up by its field number (numbers from the OTLP protos).
/// </summary>
public sealed class ProtoFields
{
    private readonly List<(int Number, WireFormat.WireType Type, ulong Value, ByteString Bytes)> _fields = [];

    public ProtoFields(ByteString message)
    {
        var input = new CodedInputStream(message.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var type = WireFormat.GetTagWireType(tag);
            switch (type)
            {
                case WireFormat.WireType.Varint:
                    _fields.Add((number, type, input.ReadUInt64(), ByteString.Empty));
                    break;
                case WireFormat.WireType.Fixed64:
                    _fields.Add((number, type, input.ReadFixed64(), ByteString.Empty));
                    break;
                case WireFormat.WireType.Fixed32:
                    _fields.Add((number, type, input.ReadFixed32(), ByteString.Empty));
                    break;
                case WireFormat.WireType.LengthDelimited:
                    _fields.Add((number, type, 0, input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    public IEnumerable<ProtoFields> Messages(int number) =>
        _fields.Where(f => f.Number == number && f.Type == WireFormat.WireType.LengthDelimited).Select(f => new ProtoFields(f.Bytes));

    public ProtoFields? Message(int number) => Messages(number).FirstOrDefault();

    public string String(int number) => Bytes(number).ToStringUtf8();

    public string Hex(int number) => Convert.ToHexStringLower(Bytes(number).Span);

    public ulong? Number(int number) => _fields.Where(f => f.Number == number && f.Type != WireFormat.WireType.LengthDelimited).Select(f => (ulong?)f.Value).FirstOrDefault();

    public double? Double(int number) => Number(number) is { } bits ? BitConverter.UInt64BitsToDouble(bits) : null;

    private ByteString Bytes(int number) =>
        _fields.Where(f => f.Number == number && f.Type == WireFormat.WireType.LengthDelimited).Select(f => f.Bytes).FirstOrDefault() ?? ByteString.Empty;
}
