using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.ClaimCheck.Documents;

namespace CloudMessaging.Workers.ClaimCheck;

public static class ClaimCheckWorkerExtensions
{
    /// <summary>
    /// The document and note processors, and the sweeper that removes orphaned claim-check blobs (every replica
    /// sweeps; deletions are conditional and idempotent, so they do not conflict).
    /// </summary>
    public static IHostApplicationBuilder AddClaimCheckProcessors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddClaimCheck(builder.Configuration);
        builder.Services.AddClaimCheckSweeper();
        builder.Services.AddSingleton<DocumentStatusStore>();
        builder.Services.AddHostedService<DocumentProcessor>();
        builder.Services.AddHostedService<NoteProcessor>();
        return builder;
    }
}
