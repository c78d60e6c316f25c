using System.Text;

namespace CloudMessaging.ServiceBusEmulator.Administration.Http;

internal sealed record AdminHttpResponse(int Status, string ContentType, byte[] Body)
{
    public const string AtomContentType = "application/atom+xml;type=entry;charset=utf-8";

    public const string XmlContentType = "application/xml;charset=utf-8";

    public static AdminHttpResponse Atom(int status, string xml) => new(status, AtomContentType, Encoding.UTF8.GetBytes(xml));

    public static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        _ => "Error",
    };
}
