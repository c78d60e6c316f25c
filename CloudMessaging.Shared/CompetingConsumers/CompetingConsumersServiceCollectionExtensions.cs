using CloudMessaging.Shared.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudMessaging.Shared.CompetingConsumers;

public static class CompetingConsumersServiceCollectionExtensions
{
    /// <summary>
    /// What the API and the workers share: <see cref="CompetingConsumersOptions"/>, the <see cref="WorkStore"/> and
    /// the idempotency store that makes each item's effect happen once.
    /// </summary>
    public static IHostApplicationBuilder AddCompetingConsumersShared(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CompetingConsumersOptions>()
            .Bind(builder.Configuration.GetSection(CompetingConsumersOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddIdempotency();
        builder.Services.TryAddSingleton<WorkStore>();
        return builder;
    }
}
