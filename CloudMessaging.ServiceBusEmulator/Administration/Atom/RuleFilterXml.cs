using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Configuration;
using static CloudMessaging.ServiceBusEmulator.Administration.Atom.CountDetailsXml;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>A rule's Filter element: SqlFilter, TrueFilter, FalseFilter or CorrelationFilter, with typed property values.</summary>
internal static class RuleFilterXml
{
    private static readonly string[] CorrelationFields = ["CorrelationId", "MessageId", "To", "ReplyTo", "Label", "SessionId", "ReplyToSessionId", "ContentType"];

    public static RuleFilterDefinition Read(XElement filter)
    {
        var type = filter.Attribute(AtomNames.Type)?.Value;
        switch (type)
        {
            case "TrueFilter":
                return new TrueFilterDefinition();
            case "FalseFilter":
                return new FalseFilterDefinition();
            case "SqlFilter":
                RefuseParameters(filter, "SQL filter");
                return new SqlFilterDefinition(filter.Element(AtomNames.Sb("SqlExpression"))?.Value ?? string.Empty);
            case "CorrelationFilter":
                return ReadCorrelation(filter);
            default:
                throw AdministrationException.BadRequest($"Rule filter type '{type}' is not supported.");
        }
    }

    public static void RefuseParameters(XElement element, string what)
    {
        if (element.Element(AtomNames.Sb("Parameters")) is { HasElements: true })
        {
            throw AdministrationException.BadRequest($"Parameters of a {what} are not supported by the emulator; write the values into the expression.");
        }
    }

    public static XElement Describe(RuleFilterDefinition filter) => filter switch
    {
        TrueFilterDefinition => Sql("TrueFilter", "1=1"),
        FalseFilterDefinition => Sql("FalseFilter", "1=0"),
        SqlFilterDefinition sql => Sql("SqlFilter", sql.SqlExpression),
        CorrelationFilterDefinition correlation => DescribeCorrelation(correlation),
        _ => throw new InvalidOperationException($"Unknown filter {filter.GetType().Name}."),
    };

    private static XElement Sql(string type, string expression) =>
        new(AtomNames.Sb("Filter"), new XAttribute(AtomNames.Type, type), Sb("SqlExpression", expression), Sb("CompatibilityLevel", "20"));

    private static CorrelationFilterDefinition ReadCorrelation(XElement filter)
    {
        string? Field(string name) => filter.Element(AtomNames.Sb(name))?.Value;
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in filter.Element(AtomNames.Sb("Properties"))?.Elements(AtomNames.Sb("KeyValueOfstringanyType")) ?? [])
        {
            var key = pair.Element(AtomNames.Sb("Key"))?.Value ?? throw AdministrationException.BadRequest("A correlation filter property has no Key.");
            properties[key] = ReadValue(pair.Element(AtomNames.Sb("Value")));
        }

        return new CorrelationFilterDefinition
        {
            CorrelationId = Field("CorrelationId"),
            MessageId = Field("MessageId"),
            To = Field("To"),
            ReplyTo = Field("ReplyTo"),
            Label = Field("Label"),
            SessionId = Field("SessionId"),
            ReplyToSessionId = Field("ReplyToSessionId"),
            ContentType = Field("ContentType"),
            Properties = properties,
        };
    }

    private static XElement DescribeCorrelation(CorrelationFilterDefinition filter)
    {
        var values = new[] { filter.CorrelationId, filter.MessageId, filter.To, filter.ReplyTo, filter.Label, filter.SessionId, filter.ReplyToSessionId, filter.ContentType };
        return new XElement(
            AtomNames.Sb("Filter"),
            new XAttribute(AtomNames.Type, "CorrelationFilter"),
            CorrelationFields.Zip(values).Where(f => f.Second is not null).Select(f => Sb(f.First, f.Second!)),
            new XElement(
                AtomNames.Sb("Properties"),
                filter.Properties.Select(p => new XElement(AtomNames.Sb("KeyValueOfstringanyType"), Sb("Key", p.Key), DescribeValue(p.Value)))));
    }

    // Values carry an xsd type (i:type="d3p1:int" with d3p1 bound to XMLSchema), as the SDK writes and reads them.
    private static object? ReadValue(XElement? value)
    {
        if (value is null)
        {
            return null;
        }

        var type = value.Attribute(AtomNames.Type)?.Value ?? "string";
        var localType = type[(type.IndexOf(':') + 1)..];
        var text = value.Value;
        return localType switch
        {
            "string" => text,
            "int" => XmlConvert.ToInt32(text),
            "long" => XmlConvert.ToInt64(text),
            "boolean" => XmlConvert.ToBoolean(text),
            "double" => XmlConvert.ToDouble(text),
            "dateTime" => XmlConvert.ToDateTime(text, XmlDateTimeSerializationMode.Utc),
            "duration" => XmlConvert.ToTimeSpan(text),
            _ => throw AdministrationException.BadRequest($"Correlation filter property type '{type}' is not supported."),
        };
    }

    private static XElement DescribeValue(object? value)
    {
        var (type, text) = value switch
        {
            int i => ("int", XmlConvert.ToString(i)),
            long l => ("long", XmlConvert.ToString(l)),
            bool b => ("boolean", XmlConvert.ToString(b)),
            double d => ("double", XmlConvert.ToString(d)),
            DateTime t => ("dateTime", XmlConvert.ToString(t, XmlDateTimeSerializationMode.Utc)),
            TimeSpan s => ("duration", XmlConvert.ToString(s)),
            _ => ("string", Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
        };
        return new XElement(
            AtomNames.Sb("Value"),
            new XAttribute(XNamespace.Xmlns + "d6p1", AtomNames.Schema.NamespaceName),
            new XAttribute(AtomNames.Type, "d6p1:" + type),
            text);
    }
}
