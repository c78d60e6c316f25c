using CloudMessaging.Web.Api;
using CloudMessaging.Web.Components.Diagrams;
using CloudMessaging.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Web.Components.Pages.Saga;

/// <summary>
/// Places an order (with the failure switches when fault injection is on), follows its saga through the API's order
/// event stream (<c>/api/orders/{id}/events</c>) as a sequence diagram, and shows the participants' books beside it.
/// </summary>
public sealed partial class SagaPage
{
    private readonly TokenFlights _flights = new();
    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenSource? _following;

    private IReadOnlyList<StockLine> _products = [new("widget", "Widget", 0, 0)];
    private string _customerId = "web-customer";
    private string _productId = "widget";
    private int _quantity = 1;
    private decimal _amount = 25m;
    private string _failAt = "";
    private string _stallAt = "";
    private bool _flakyCompensation;
    private bool _placing;

    private SagaOrder? _order;
    private int _animated;
    private InventoryBook? _inventory;
    private PaymentsBook? _payments;
    private ApiProblem? _placeProblem;
    private ApiProblem? _unavailable;

    [Inject] private CloudMessagingApi Api { get; set; } = null!;

    [Inject] private IOptions<WebOptions> Options { get; set; } = null!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await RefreshBooksAsync();
            if (_inventory is { Products.Count: > 0 } inventory)
            {
                _products = inventory.Products;
            }

            StateHasChanged();
        }
    }

    private async Task PlaceAsync()
    {
        _placing = true;
        try
        {
            var request = new OrderRequest(
                _customerId,
                [new OrderLine(_productId, _quantity)],
                _amount,
                NullIfEmpty(_failAt),
                NullIfEmpty(_stallAt),
                _flakyCompensation ? true : null);
            var response = await Api.PostAsync<SagaOrder>("/api/orders", request, _stop.Token);
            _placeProblem = response.Problem;
            _unavailable = response.IsUnavailable ? response.Problem : null;
            if (response is { IsSuccess: true, Value: { } placed })
            {
                Follow(placed);
            }
        }
        finally
        {
            _placing = false;
        }
    }

    /// <summary>Follows one order; placing another stops following the previous one.</summary>
    private void Follow(SagaOrder order)
    {
        _following?.Cancel();
        _following = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _order = order;
        _animated = 0;
        Animate(order);
        _ = FollowOrderAsync(order.OrderId, _following.Token);
    }

    private async Task FollowOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        // The API ends the stream once the saga is over (after a stalled step's late answer, with stallAt).
        await Api.FollowAsync<SagaOrder>($"/api/orders/{orderId}/events", OnOrderAsync, OnStreamProblemAsync, reopen: () => _order is not { IsFinished: true }, cancellationToken);
        if (!cancellationToken.IsCancellationRequested)
        {
            await RefreshBooksAsync();
        }
    }

    private async Task OnOrderAsync(SagaOrder order)
    {
        if (order.OrderId != _order?.OrderId || order.Version < _order.Version)
        {
            return;
        }

        var answered = order.Timeline.Skip(_order.Timeline.Count).Any(entry => entry.Event is not ("Requested" or "CompensationRequested"));
        _order = order;
        Animate(order);
        if (answered)
        {
            // A participant acted (or the saga ended): its books changed.
            await RefreshBooksAsync();
        }

        await InvokeAsync(StateHasChanged);
    }

    private Task OnStreamProblemAsync(ApiProblem? problem)
    {
        _unavailable = problem is { IsUnavailable: true } ? problem : null;
        return InvokeAsync(StateHasChanged);
    }

    /// <summary>A token along the actors' diagram for every timeline entry not yet animated.</summary>
    private void Animate(SagaOrder order)
    {
        foreach (var row in SagaSequence.Rows(order).Skip(_animated).Where(row => !row.IsNote))
        {
            var kind = row.Kind switch
            {
                SagaSequence.RowKind.Reply or SagaSequence.RowKind.Compensated => TokenKind.Reply,
                SagaSequence.RowKind.Failure => TokenKind.Failure,
                SagaSequence.RowKind.Ignored => TokenKind.DeadLetter,
                _ => TokenKind.Message,
            };
            var (from, to) = (SagaDiagram.Of(row.From), SagaDiagram.Of(row.To));
            _flights.Launch(from.Center.X < to.Center.X ? from.Right : from.Left, from.Center.X < to.Center.X ? to.Left : to.Right, row.Label, kind);
        }

        _animated = order.Timeline.Count;
    }

    private async Task RefreshBooksAsync()
    {
        var orderQuery = _order is { } order ? $"?orderId={order.OrderId}" : "";
        try
        {
            var inventory = await Api.GetAsync<InventoryBook>($"/api/inventory{orderQuery}", _stop.Token);
            var payments = await Api.GetAsync<PaymentsBook>($"/api/payments{orderQuery}", _stop.Token);
            _inventory = inventory.Value ?? _inventory;
            _payments = payments.Value ?? _payments;
            _unavailable = inventory.IsUnavailable ? inventory.Problem : payments.IsUnavailable ? payments.Problem : null;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string StatusBadge(string status) => status switch
    {
        "completed" => "badge-ok",
        "cancelled" => "badge-fail",
        _ => "badge-busy",
    };

    public async ValueTask DisposeAsync()
    {
        // Cancelled, not disposed: a background read may still look at the token as it winds down.
        await _stop.CancelAsync();
    }
}
