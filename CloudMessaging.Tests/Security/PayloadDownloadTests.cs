using System.Net;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CloudMessaging.Tests.Infrastructure;

namespace CloudMessaging.Tests.Security;

/// <summary>A stored payload comes back as a download, whatever the uploader claimed it was: HTML never renders on the API's origin.</summary>
[Collection(SecuredAppHostCollection.Name)]
public sealed class PayloadDownloadTests(SecuredAppHostFixture fixture)
{
    [Fact]
    public async Task An_uploaded_html_page_is_served_as_an_octet_stream_attachment_with_nosniff()
    {
        // With the only worker replica stopped the document waits in its queue, so its blob is there to download.
        var replica = await fixture.FindAsync(WorkerReplicas.IsRunning, TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("No running worker replica.");
        var stop = await fixture.App.ResourceCommands.ExecuteCommandAsync(replica, KnownResourceCommands.StopCommand);
        Assert.True(stop.Success, stop.Message);
        try
        {
            using var upload = fixture.Request(HttpMethod.Post, "/api/documents?fileName=page.html", "alice", "user");
            upload.Content = new StringContent("<html><script>alert(1)</script></html>", Encoding.UTF8, "text/html");
            using var accepted = await fixture.Api.SendAsync(upload);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            using var body = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
            var id = body.RootElement.GetProperty("id").GetString();

            using var download = fixture.Request(HttpMethod.Get, $"/api/documents/{id}/payload", "alice", "user");
            using var payload = await fixture.Api.SendAsync(download);

            Assert.Equal(HttpStatusCode.OK, payload.StatusCode);
            Assert.Equal("application/octet-stream", payload.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", payload.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", Assert.Single(payload.Headers.GetValues("X-Content-Type-Options")));
        }
        finally
        {
            await fixture.RestartAsync(replica, TimeSpan.FromMinutes(4));
        }
    }
}
