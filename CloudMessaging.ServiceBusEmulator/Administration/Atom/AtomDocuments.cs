using System.Xml;
using System.Xml.Linq;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>Wraps descriptions in the ATOM entry and feed envelopes the SDK unwraps.</summary>
internal static class AtomDocuments
{
    public static string Entry(string title, Uri self, DateTimeOffset published, DateTimeOffset updated, XElement description) =>
        EntryElement(title, self, published, updated, description).ToString(SaveOptions.DisableFormatting);

    public static string Feed(string title, Uri self, DateTimeOffset updated, IEnumerable<XElement> entries) =>
        new XElement(
            AtomNames.Atom + "feed",
            new XElement(AtomNames.Atom + "title", new XAttribute("type", "text"), title),
            new XElement(AtomNames.Atom + "id", self.AbsoluteUri),
            new XElement(AtomNames.Atom + "updated", Time(updated)),
            new XElement(AtomNames.Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self.AbsoluteUri)),
            entries).ToString(SaveOptions.DisableFormatting);

    public static XElement EntryElement(string title, Uri self, DateTimeOffset published, DateTimeOffset updated, XElement description)
    {
        description.SetAttributeValue(XNamespace.Xmlns + "i", AtomNames.Instance.NamespaceName);
        return new XElement(
            AtomNames.Atom + "entry",
            new XElement(AtomNames.Atom + "id", self.AbsoluteUri),
            new XElement(AtomNames.Atom + "title", new XAttribute("type", "text"), title),
            new XElement(AtomNames.Atom + "published", Time(published)),
            new XElement(AtomNames.Atom + "updated", Time(updated)),
            new XElement(AtomNames.Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self.AbsoluteUri)),
            new XElement(AtomNames.Atom + "content", new XAttribute("type", "application/xml"), description));
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) => XmlConvert.ToString(duration);

    public static string Bool(bool value) => value ? "true" : "false";
}
