using CloudMessaging.Shared.ClaimCheck;
using CloudMessaging.Shared.ClaimCheck.Documents;

namespace CloudMessaging.Api.ClaimCheck;

public static class ClaimCheckApiExtensions
{
    /// <summary>The claim-check building blocks (options from the <c>ClaimCheck</c> section) and the document senders.</summary>
    public static IHostApplicationBuilder AddClaimCheckDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddClaimCheck(builder.Configuration);
        builder.Services.AddSingleton<DocumentQueues>();
        builder.Services.AddSingleton<DocumentStatusStore>();
        return builder;
    }
}
