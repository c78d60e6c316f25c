using CloudMessaging.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CloudMessaging.Tests.Web;

/// <summary>The namespace explorer lists the topology with its runtime counts and peeks messages.</summary>
[Collection(AppHostCollection.Name)]
public sealed class NamespacePageTests(AppHostFixture appHost, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Every_queue_topic_and_subscription_is_listed_with_its_counts_and_a_peek_shows_the_messages_panel()
    {
        await using var session = await WebSession.OpenAsync(browser, appHost);
        await session.RunAsync(async page =>
        {
            await session.GotoAsync("/namespace");
            foreach (var entity in new[] { "jobs", "replies", "documents", "tasks-high", "work", "orders", "orders-subscriptions-billing", "orders-subscriptions-fraud" })
            {
                await Expect(page.GetByTestId($"entity-{entity}")).ToBeVisibleAsync();
            }

            var documents = page.GetByTestId("entity-documents");
            await Expect(documents.GetByTestId("active")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
            await documents.GetByTestId("peek-dead-letters").ClickAsync();
            await Expect(page.GetByTestId("peek-panel")).ToContainTextAsync("Dead letters of documents");
            await session.SavePageAsync("namespace");
        });
    }
}
