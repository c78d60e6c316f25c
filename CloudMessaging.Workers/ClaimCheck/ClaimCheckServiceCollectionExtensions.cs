using CloudMessaging.Shared.ClaimCheck;

namespace CloudMessaging.Workers.ClaimCheck;

public static class ClaimCheckServiceCollectionExtensions
{
    /// <summary>
    /// Claim check: the document and note processors, and the sweeper that removes orphaned claim-check blobs (every
    /// replica sweeps; deletions are conditional and idempotent, so they do not conflict).
    /// </summary>
    public static IHostApplicationBuilder AddClaimCheckWorkers(this IHostApplicationBuilder builder)
    {
        builder.AddClaimCheckShared();
        builder.Services.AddSingleton<ClaimCheckMetrics>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ClaimCheckSweeper>());
        builder.Services.AddHostedService<DocumentProcessor>();
        builder.Services.AddHostedService<NoteProcessor>();
        return builder;
    }
}
