using System.Security.Cryptography;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>The claim-check page: a file uploaded from the browser is verified by a worker and its blob deleted.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ClaimCheckPageTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_uploaded_file_shows_verified_with_its_sha256_and_its_blob_deleted()
    {
        var payload = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(payload));

        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/claim-check");
            await page.GetByTestId("document-file").SetInputFilesAsync(new FilePayload { Name = "payload.bin", MimeType = "application/octet-stream", Buffer = payload });
            await page.GetByTestId("document-upload").ClickAsync();

            await Expect(page.GetByTestId("upload-percent")).ToHaveTextAsync("100 %");
            await Expect(page.GetByTestId("step-blob")).ToContainTextAsync(sha256);
            await Expect(page.GetByTestId("step-verified")).ToHaveAttributeAsync("data-done", "true");
            await Expect(page.GetByTestId("step-verified")).ToContainTextAsync(sha256);
            await Expect(page.GetByTestId("step-deleted")).ToHaveAttributeAsync("data-done", "true");
            await Expect(page.GetByTestId("document-outcome")).ToHaveTextAsync("verified and deleted");
            await session.SavePageAsync("claim-check");
        });
    }
}
