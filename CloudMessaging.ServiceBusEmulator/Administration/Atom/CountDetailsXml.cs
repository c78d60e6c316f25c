using System.Globalization;
using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>The runtime part of a description: times, size, message count and CountDetails.</summary>
internal static class CountDetailsXml
{
    public static IEnumerable<XElement> Runtime(EntityMetadata metadata, DateTimeOffset accessedAt, EntityCounts counts, bool withMessageCount = true)
    {
        yield return Sb("CreatedAt", AtomDocuments.Time(metadata.CreatedAt));
        yield return Sb("UpdatedAt", AtomDocuments.Time(metadata.UpdatedAt));
        yield return Sb("AccessedAt", AtomDocuments.Time(accessedAt));
        yield return Sb("SizeInBytes", Number(counts.SizeInBytes));
        if (withMessageCount)
        {
            yield return Sb("MessageCount", Number(counts.Total));
        }

        yield return new XElement(
            AtomNames.Sb("CountDetails"),
            new XAttribute(XNamespace.Xmlns + "d2p1", AtomNames.Counts.NamespaceName),
            new XElement(AtomNames.Counts + "ActiveMessageCount", Number(counts.Active)),
            new XElement(AtomNames.Counts + "DeadLetterMessageCount", Number(counts.DeadLetter)),
            new XElement(AtomNames.Counts + "ScheduledMessageCount", Number(counts.Scheduled)),
            new XElement(AtomNames.Counts + "TransferMessageCount", "0"),
            new XElement(AtomNames.Counts + "TransferDeadLetterMessageCount", "0"));
    }

    public static XElement Sb(string name, object value) => new(AtomNames.Sb(name), value);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
