using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CloudMessaging.Tests.Input;

/// <summary>
/// One case of the malformed-input corpus: the bytes and content type sent, and what the input policy answers
/// (the status, and the key of <c>errors</c> that names the culprit).
/// </summary>
public sealed record MalformedBody(string Name, Func<WriteEndpoint, MalformedRequest> Build)
{
    public override string ToString() => Name;

    public static readonly IReadOnlyList<MalformedBody> All =
    [
        Case("empty", _ => Bad("", "body")),
        Case("not-json", _ => Bad("""{"kind": """, "body")),
        Case("invalid-utf8", e => new MalformedRequest([.. Opening(e), 0xC3, 0x28, 0xFF, .. Utf8("\"}")], Json, HttpStatusCode.BadRequest, "body")),
        Case("null", _ => Bad("null", "body")),
        Case("array", _ => Bad("[1, 2]", null)),
        Case("number", _ => Bad("42", "body")),
        Case("unknown-member", _ => Bad("""{"handlerMs": 5}""", "handlerMs")),
        Case("wrong-type", e => Bad($$"""{"{{e.StringMember}}": {"nested": true} }""", e.StringMember)),
        Case("number-out-of-range", e => Bad($$"""{"{{e.NumberMember}}": 1e30}""", e.NumberMember)),
        Case("string-over-limit", e => Bad($$"""{"{{e.StringMember}}": "{{new string('x', 3_000)}}"}""", e.StringMember)),
        Case("duplicate-keys", e => Bad($$"""{"{{e.StringMember}}": "a", "{{e.StringMember}}": "b"}""", e.StringMember)),
        Case("nul-character", e => Bad($$"""{"{{e.StringMember}}": "a\u0000b"}""", e.StringMember)),
        Case("deep-nesting", e => Bad($$"""{"{{e.StringMember}}": {{new string('[', 100)}}{{new string(']', 100)}} }""", "body")),
        Case("wrong-content-type", _ => new MalformedRequest(Utf8("{}"), "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type")),
        Case("too-large", e => new MalformedRequest(Oversized(e), Json, HttpStatusCode.RequestEntityTooLarge, "body") { ExpectContinue = true }),
    ];

    private const string Json = "application/json";

    private static MalformedBody Case(string name, Func<WriteEndpoint, MalformedRequest> build) => new(name, build);

    private static MalformedRequest Bad(string body, string? field) => new(Utf8(body), Json, HttpStatusCode.BadRequest, field);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The start of an object whose string member's value follows: <c>{"kind": "</c>.</summary>
    private static byte[] Opening(WriteEndpoint endpoint) => Utf8("{\"" + endpoint.StringMember + "\": \"");

    /// <summary>One byte over the endpoint's limit; an endpoint without a body gets a small one (it refuses any).</summary>
    private static byte[] Oversized(WriteEndpoint endpoint)
    {
        var size = (endpoint.MaxBytes ?? 64) + 1;
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)'x');
        Opening(endpoint).CopyTo(bytes, 0);
        Utf8("\"}").CopyTo(bytes, size - 2);
        return bytes;
    }
}

/// <summary>What a corpus case sends, and the answer it expects.</summary>
public sealed record MalformedRequest(byte[] Body, string ContentType, HttpStatusCode Status, string? Field)
{
    /// <summary>
    /// Asks before sending the body (<c>Expect: 100-continue</c>), as a client of large bodies should: the 413 then
    /// arrives before the bytes are sent, instead of the server cutting the connection under a body it will not read.
    /// </summary>
    public bool ExpectContinue { get; init; }

    public ByteArrayContent ToContent()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return content;
    }
}
