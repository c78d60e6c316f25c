using CloudMessaging.Shared.ClaimCheck;

namespace CloudMessaging.Api.ClaimCheck;

public static class ClaimCheckServiceCollectionExtensions
{
    /// <summary>Claim check: the shared building blocks (options from the <c>ClaimCheck</c> section) and the document senders.</summary>
    public static IHostApplicationBuilder AddClaimCheckApi(this IHostApplicationBuilder builder)
    {
        builder.AddClaimCheckShared();
        builder.Services.AddSingleton<DocumentSenders>();
        return builder;
    }
}
