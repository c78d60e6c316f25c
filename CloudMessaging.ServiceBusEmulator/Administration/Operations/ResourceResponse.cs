using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Atom;
using CloudMessaging.ServiceBusEmulator.Administration.Http;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>Builds the ATOM answers for one request: self links on the host the client used.</summary>
internal sealed class ResourceResponse(string host)
{
    public string Host { get; } = host;

    public Uri Self(string path) => new($"http://{Host}/{Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal)}?api-version=2021-05");

    public AdminHttpResponse Entry(int status, string path, string title, EntityMetadata metadata, XElement description) =>
        AdminHttpResponse.Atom(status, AtomDocuments.Entry(title, Self(path), metadata.CreatedAt, metadata.UpdatedAt, description));

    public XElement EntryElement(string path, string title, EntityMetadata metadata, XElement description) =>
        AtomDocuments.EntryElement(title, Self(path), metadata.CreatedAt, metadata.UpdatedAt, description);

    public AdminHttpResponse Feed<T>(HttpRequestPage page, string path, string title, DateTimeOffset updated, IEnumerable<T> items, Func<T, XElement> entry) =>
        AdminHttpResponse.Atom(200, AtomDocuments.Feed(title, Self(path), updated, items.Skip(page.Skip).Take(page.Top).Select(entry)));

    public static AdminHttpResponse Ok() => new(200, AdminHttpResponse.XmlContentType, []);
}
