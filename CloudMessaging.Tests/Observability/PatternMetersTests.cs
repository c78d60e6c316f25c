using System.Net;
using System.Net.Http.Json;
using System.Text;
using CloudMessaging.Shared;

namespace CloudMessaging.Tests.Observability;

/// <summary>
/// A real flow of each pattern, through the API and the workers, moves that pattern's meter as the dashboard receives
/// it (request-reply's is in <see cref="MessageStoryTests"/>). Each test compares with the totals before its request,
/// so the tests of this collection may run in any order.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PatternMetersTests(TelemetryAppHostFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private OtlpReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task An_order_event_counts_as_handled_by_its_subscribers()
    {
        var before = Receiver.Total("cloudmessaging.pubsub.events.handled", a => a.Attribute("subscriber") == "billing");
        await PostAsync("/api/orders/events", new { id = $"evt-{Guid.NewGuid():N}", type = "OrderPlaced", data = new { orderId = "m-1", customerId = "c-7", total = 120.50, country = "NL", customerTier = "gold" } });
        await MeterMovesAsync("cloudmessaging.pubsub.events.handled", a => a.Attribute("subscriber") == "billing", before);
    }

    [Fact]
    public async Task A_work_item_counts_as_applied_once()
    {
        var before = Receiver.Total("cloudmessaging.competingconsumers.applied", a => a.Attribute("queue") == EntityNames.WorkQueue);
        await PostAsync("/api/work", new { id = $"meter-{Guid.NewGuid():N}", handlerMilliseconds = 10 });
        await MeterMovesAsync("cloudmessaging.competingconsumers.applied", a => a.Attribute("queue") == EntityNames.WorkQueue, before);
    }

    [Fact]
    public async Task A_task_records_its_queue_wait_under_its_priority()
    {
        var before = Receiver.Total("cloudmessaging.priorityqueue.wait", a => a.Attribute("priority") == "high");
        await PostAsync("/api/tasks", new { priority = "high", payload = "meter", workMilliseconds = 10 });
        await MeterMovesAsync("cloudmessaging.priorityqueue.wait", a => a.Attribute("priority") == "high", before);
    }

    [Fact]
    public async Task A_declined_payment_counts_a_cancelled_saga_and_the_inventory_compensation()
    {
        var cancelled = Receiver.Total("cloudmessaging.saga.outcomes", a => a.Attribute("outcome") == "Cancelled");
        var compensations = Receiver.Total("cloudmessaging.saga.compensations", a => a.Attribute("step") == "Inventory");
        await PostAsync("/api/orders", new { customerId = "meter", amount = 10, items = new[] { new { productId = "widget", quantity = 1 } }, failAt = "payment" });
        await MeterMovesAsync("cloudmessaging.saga.outcomes", a => a.Attribute("outcome") == "Cancelled", cancelled);
        await MeterMovesAsync("cloudmessaging.saga.compensations", a => a.Attribute("step") == "Inventory", compensations);
    }

    [Fact]
    public async Task A_document_counts_its_verified_bytes()
    {
        var before = Receiver.Total("cloudmessaging.claimcheck.bytes", a => a.Attribute("entity") == EntityNames.DocumentsQueue);
        using var http = fixture.App.CreateHttpClient("api", "http");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("one line\nand another\n"));
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await http.PostAsync("/api/documents?fileName=meter.txt", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await MeterMovesAsync("cloudmessaging.claimcheck.bytes", a => a.Attribute("entity") == EntityNames.DocumentsQueue, before, atLeast: 21);
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await fixture.Api.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task MeterMovesAsync(string instrument, Func<IReadOnlyDictionary<string, string>, bool> series, double before, double atLeast = 1) =>
        Eventually.HoldsAsync(() => Receiver.Total(instrument, series) >= before + atLeast, Timeout, $"{instrument} to grow by {atLeast} from {before}");
}
