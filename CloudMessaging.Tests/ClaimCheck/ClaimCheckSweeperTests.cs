using CloudMessaging.Shared.ClaimCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Tests.ClaimCheck;

[Collection(AzuriteCollection.Name)]
public sealed class ClaimCheckSweeperTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ClaimCheckTestContext _context = new(azurite);

    [Fact]
    public async Task The_sweeper_removes_an_orphan_and_leaves_a_live_one()
    {
        var options = ClaimCheckTestContext.NewOptions(o => o.Retention = Retention);
        var store = _context.NewStore(options);
        var orphan = await store.UploadAsync(new GeneratedPayloadStream(4096));
        var live = await store.UploadAsync(new GeneratedPayloadStream(4096));
        var pending = new KnownPendingClaimChecks(live.BlobName);
        var sweeper = NewSweeper(store, options, pending, clockAhead: Retention * 2);

        var result = await sweeper.SweepOnceAsync();

        Assert.Equal(new ClaimCheckSweepResult(Examined: 2, Expired: 2, Referenced: 1, Deleted: 1), result);
        Assert.False(await store.ExistsAsync(orphan));
        Assert.True(await store.ExistsAsync(live));
    }

    [Fact]
    public async Task The_sweeper_leaves_blobs_younger_than_the_retention_period_without_looking_for_references()
    {
        var options = ClaimCheckTestContext.NewOptions(o => o.Retention = Retention);
        var store = _context.NewStore(options);
        var young = await store.UploadAsync(new GeneratedPayloadStream(4096));
        var pending = new KnownPendingClaimChecks();
        var sweeper = NewSweeper(store, options, pending, clockAhead: Retention / 2);

        var result = await sweeper.SweepOnceAsync();

        Assert.Equal(ClaimCheckSweepResult.Nothing(examined: 1), result);
        Assert.Equal(0, pending.Calls);
        Assert.True(await store.ExistsAsync(young));
    }

    [Fact]
    public async Task The_sweeper_deletes_nothing_when_references_cannot_be_collected()
    {
        var options = ClaimCheckTestContext.NewOptions(o => o.Retention = Retention);
        var store = _context.NewStore(options);
        var blob = await store.UploadAsync(new GeneratedPayloadStream(4096));
        var pending = new KnownPendingClaimChecks { Failure = new TimeoutException("Service Bus did not answer") };
        var sweeper = NewSweeper(store, options, pending, clockAhead: Retention * 2);

        await Assert.ThrowsAsync<TimeoutException>(() => sweeper.SweepOnceAsync());

        Assert.True(await store.ExistsAsync(blob));
    }

    [Fact]
    public async Task The_sweeper_tolerates_a_container_that_does_not_exist_yet()
    {
        var options = ClaimCheckTestContext.NewOptions();
        var sweeper = NewSweeper(_context.NewStore(options), options, new KnownPendingClaimChecks(), TimeSpan.Zero);

        Assert.Equal(ClaimCheckSweepResult.Nothing(0), await sweeper.SweepOnceAsync());
    }

    private static ClaimCheckSweeper NewSweeper(ClaimCheckStore store, ClaimCheckOptions options, IPendingClaimCheckSource pending, TimeSpan clockAhead) =>
        new(store, pending, Options.Create(options), new ShiftedTimeProvider(clockAhead), NullLogger<ClaimCheckSweeper>.Instance);

    /// <summary>The real clock moved forward, so blobs just written look old without waiting.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }

    /// <summary>
    /// The references that pending messages would carry. The production source peeks Service Bus
    /// (<see cref="ServiceBusPendingClaimChecks"/>) and is exercised by the pattern's end-to-end tests.
    /// </summary>
    private sealed class KnownPendingClaimChecks(params string[] blobNames) : IPendingClaimCheckSource
    {
        public Exception? Failure { get; init; }

        public int Calls { get; private set; }

        public Task<IReadOnlySet<string>> GetReferencedBlobNamesAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Failure is null
                ? Task.FromResult<IReadOnlySet<string>>(blobNames.ToHashSet(StringComparer.Ordinal))
                : Task.FromException<IReadOnlySet<string>>(Failure);
        }
    }
}
