using System.Xml.Linq;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>The XML namespaces of the service's ATOM feed API.</summary>
internal static class AtomNames
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace ServiceBus = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect";
    public static readonly XNamespace Counts = "http://schemas.microsoft.com/netservices/2011/06/servicebus";
    public static readonly XNamespace Instance = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace Schema = "http://www.w3.org/2001/XMLSchema";
    public static readonly XNamespace Serialization = "http://schemas.microsoft.com/2003/10/Serialization/";

    public static readonly XName Type = Instance + "type";

    public static XName Sb(string localName) => ServiceBus + localName;
}
