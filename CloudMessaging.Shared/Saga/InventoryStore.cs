using System.Text.Json;
using CloudMessaging.Shared.Redis;
using StackExchange.Redis;

namespace CloudMessaging.Shared.Saga;

/// <summary>
/// The inventory participant's database (key space <c>saga:inventory:</c>): stock levels per product (available and
/// reserved) and one reservation record per order.
/// </summary>
public sealed class InventoryStore(IConnectionMultiplexer redis, TimeProvider time) : ParticipantStore(redis)
{
    public const string Reserved = "Reserved";
    public const string Released = "Released";
    public const string Rejected = "Rejected";

    private const string ItemsField = "items";

    public static readonly RedisKey AvailableKey = "saga:inventory:available";
    public static readonly RedisKey ReservedKey = "saga:inventory:reserved";

    protected override string RecordKey(string orderId) => $"saga:inventory:reservations:{orderId}";

    /// <summary>Stocks the catalogue once; every replica may call it, only the first write counts.</summary>
    public async Task SeedAsync()
    {
        foreach (var product in ProductCatalog.Products)
        {
            await Database.HashSetAsync(AvailableKey, product.Id, product.InitialStock, When.NotExists);
            await Database.HashSetAsync(ReservedKey, product.Id, 0, When.NotExists);
        }
    }

    public async Task<IReadOnlyList<StockLevel>> GetLevelsAsync()
    {
        var available = HashFields.Counts(await Database.HashGetAllAsync(AvailableKey));
        var reserved = HashFields.Counts(await Database.HashGetAllAsync(ReservedKey));
        return [.. ProductCatalog.Products.Select(p => new StockLevel(
            p.Id, p.Name, available.GetValueOrDefault(p.Id), reserved.GetValueOrDefault(p.Id)))];
    }

    public Task<ParticipantResult> ReserveAsync(string orderId, IReadOnlyList<OrderItem> items, bool simulateFailure)
    {
        var wanted = items.GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => (long)g.Sum(i => i.Quantity));
        return TransactAsync(orderId, async (status, transaction) =>
        {
            switch (status)
            {
                case Reserved: return ParticipantResult.Unchanged(StepOutcome.Succeeded, "already reserved");
                case Released: return ParticipantResult.Unchanged(StepOutcome.Refused, "the reservation was already released");
                case Rejected: return ParticipantResult.Unchanged(StepOutcome.Failed, "already rejected");
            }

            var key = RecordKey(orderId);
            string? shortage = simulateFailure ? "out of stock (simulated)" : null;
            foreach (var (productId, quantity) in wanted)
            {
                var available = (long)await Database.HashGetAsync(AvailableKey, productId);
                shortage ??= available < quantity ? $"out of stock: {productId}" : null;

                // The reservation counts only if no other order took this product's stock in between.
                transaction.AddCondition(Condition.HashEqual(AvailableKey, productId, available));
                _ = transaction.HashDecrementAsync(AvailableKey, productId, quantity);
                _ = transaction.HashIncrementAsync(ReservedKey, productId, quantity);
            }

            if (shortage is not null)
            {
                var rejection = Database.CreateTransaction();
                rejection.AddCondition(Condition.HashNotExists(key, StatusField));
                _ = rejection.HashSetAsync(key, [new(StatusField, Rejected), new("reason", shortage), new("at", Now(time))]);
                await rejection.ExecuteAsync();

                // Whether this or a concurrent duplicate wrote the rejection, nothing was reserved.
                return ParticipantResult.Unchanged(StepOutcome.Failed, shortage);
            }

            _ = transaction.HashSetAsync(key,
            [
                new(StatusField, Reserved),
                new(ItemsField, JsonSerializer.Serialize(wanted)),
                new("at", Now(time)),
            ]);
            return ParticipantResult.Changed(StepOutcome.Succeeded);
        }, r => r.Commit);
    }

    /// <summary>Releases the order's reservation; with none yet, leaves a tombstone so a late reservation is refused.</summary>
    public Task<ParticipantResult> ReleaseAsync(string orderId) =>
        TransactAsync(orderId, async (status, transaction) =>
        {
            var key = RecordKey(orderId);
            switch (status)
            {
                case Released: return ParticipantResult.Unchanged(StepOutcome.Compensated, "already released");
                case Rejected: return ParticipantResult.Unchanged(StepOutcome.Compensated, "nothing was reserved");
                case null:
                    _ = transaction.HashSetAsync(key, [new(StatusField, Released), new("reason", "released before reserved"), new("at", Now(time))]);
                    return ParticipantResult.Changed(StepOutcome.Compensated, "nothing was reserved yet");
            }

            var items = JsonSerializer.Deserialize<Dictionary<string, long>>((string)(await Database.HashGetAsync(key, ItemsField))!)!;
            foreach (var (productId, quantity) in items)
            {
                _ = transaction.HashIncrementAsync(AvailableKey, productId, quantity);
                _ = transaction.HashDecrementAsync(ReservedKey, productId, quantity);
            }

            _ = transaction.HashSetAsync(key, [new(StatusField, Released), new("releasedAt", Now(time))]);
            return ParticipantResult.Changed(StepOutcome.Compensated);
        }, r => r.Commit);

}
