using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Tests.Saga;

/// <summary>The saga's HTTP surface as the tests use it.</summary>
internal sealed class SagaApi(HttpClient http)
{
    public static readonly TimeSpan SagaDeadline = TimeSpan.FromSeconds(120);

    public static JsonObject Order(string customerId, decimal amount, IEnumerable<(string Product, int Quantity)> items, string? failAt = null, string? stallAt = null, bool flakyCompensation = false)
    {
        var order = new JsonObject
        {
            ["customerId"] = customerId,
            ["amount"] = amount,
            ["items"] = new JsonArray([.. items.Select(i => new JsonObject { ["productId"] = i.Product, ["quantity"] = i.Quantity })]),
        };
        if (failAt is not null)
        {
            order["failAt"] = failAt;
        }

        if (stallAt is not null)
        {
            order["stallAt"] = stallAt;
        }

        if (flakyCompensation)
        {
            order["flakyCompensation"] = true;
        }

        return order;
    }

    public async Task<string> PlaceAsync(JsonObject order)
    {
        using var response = await http.PostAsJsonAsync("/api/orders", order);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var state = await response.Content.ReadFromJsonAsync<SagaState>(SagaJson.Options);
        Assert.NotNull(state);
        Assert.Equal($"/api/orders/{state.OrderId}", response.Headers.Location?.OriginalString);
        return state.OrderId;
    }

    public async Task<SagaState?> GetAsync(string orderId)
    {
        using var response = await http.GetAsync($"/api/orders/{orderId}");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<SagaState>(SagaJson.Options) : null;
    }

    public Task<SagaState> FinishedAsync(string orderId, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(
            async () => await GetAsync(orderId) is { IsFinished: true } state ? state : null,
            timeout ?? SagaDeadline,
            $"saga {orderId} to complete or be cancelled",
            TimeSpan.FromMilliseconds(250));

    public Task<SagaState> TimelineShowsAsync(string orderId, Func<SagaState, bool> condition, string because) =>
        Eventually.ReturnsAsync(
            async () => await GetAsync(orderId) is { } state && condition(state) ? state : null,
            SagaDeadline,
            because,
            TimeSpan.FromMilliseconds(500));

    public async Task<IReadOnlyDictionary<string, StockLevel>> StockAsync()
    {
        var view = await http.GetFromJsonAsync<InventoryResponse>("/api/inventory", SagaJson.Options);
        return view!.Products.ToDictionary(p => p.ProductId);
    }

    public async Task<string?> ReservationStatusAsync(string orderId)
    {
        var view = await http.GetFromJsonAsync<InventoryResponse>($"/api/inventory?orderId={orderId}", SagaJson.Options);
        return view!.Reservation?.Record.GetValueOrDefault("status");
    }

    public async Task<PaymentTotals> PaymentTotalsAsync() =>
        (await http.GetFromJsonAsync<PaymentsResponse>("/api/payments", SagaJson.Options))!.Totals;

    public async Task<PaymentRecord?> PaymentAsync(string orderId) =>
        (await http.GetFromJsonAsync<PaymentsResponse>($"/api/payments?orderId={orderId}", SagaJson.Options))!.Payments.SingleOrDefault();

    private sealed record InventoryResponse(IReadOnlyList<StockLevel> Products, ReservationResponse? Reservation);

    private sealed record ReservationResponse(string OrderId, Dictionary<string, string> Record);

    private sealed record PaymentsResponse(PaymentTotals Totals, IReadOnlyList<PaymentRecord> Payments);
}
