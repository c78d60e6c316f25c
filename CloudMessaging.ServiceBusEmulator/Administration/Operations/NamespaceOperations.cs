using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Atom;
using CloudMessaging.ServiceBusEmulator.Administration.Http;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary><c>$namespaceinfo</c>: the namespace as a Standard-tier messaging namespace.</summary>
internal static class NamespaceOperations
{
    public static AdminHttpResponse Get(AdministrationContext context, ResourceResponse response)
    {
        var info = new XElement(
            AtomNames.Sb("NamespaceInfo"),
            CountDetailsXml.Sb("CreatedTime", AtomDocuments.Time(context.StartedAt)),
            CountDetailsXml.Sb("MessagingSKU", "Standard"),
            CountDetailsXml.Sb("ModifiedTime", AtomDocuments.Time(context.StartedAt)),
            CountDetailsXml.Sb("Name", context.NamespaceName),
            CountDetailsXml.Sb("NamespaceType", "Messaging"));
        var metadata = new EntityMetadata { CreatedAt = context.StartedAt, UpdatedAt = context.StartedAt };
        return response.Entry(200, "$namespaceinfo", context.NamespaceName, metadata, info);
    }
}
