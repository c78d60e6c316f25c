using CloudMessaging.Shared.Saga;

namespace CloudMessaging.Api.Saga;

/// <summary><c>GET /api/inventory</c>: stock per product, and one order's reservation when asked for.</summary>
public sealed record InventoryView(IReadOnlyList<StockLevel> Products, ReservationView? Reservation);
