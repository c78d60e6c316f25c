using System.Globalization;
using System.Text;
using Aspire.Hosting;

namespace CloudMessaging.AppHost.Infrastructure;

/// <summary>
/// The emulator's commands on the dashboard (docs/emulator-telemetry.md): show every entity's counts, and purge
/// dead letters, of one entity or of all. Both go through the namespace's connection string, as any client would.
/// </summary>
internal static class ServiceBusEmulatorCommands
{
    public const string ShowCounts = "show-entity-counts";
    public const string PurgeDeadLetters = "purge-dead-letters";
    public const string EntityArgument = "entity";

    public static IResourceBuilder<ProjectResource> WithEntityCommands(
        this IResourceBuilder<ProjectResource> emulator, IResourceWithConnectionString serviceBus)
    {
        emulator.WithCommand(
            ShowCounts,
            "Show entity counts",
            context => RunAsync(serviceBus, context, ShowCountsAsync),
            new CommandOptions
            {
                Description = "Active, scheduled and dead-lettered messages of every queue and subscription.",
                IconName = "NumberSymbolSquare",
                UpdateState = EnabledWhileHealthy,
            });
        emulator.WithCommand(
            PurgeDeadLetters,
            "Purge dead letters",
            context => RunAsync(serviceBus, context, PurgeAsync),
            new CommandOptions
            {
                Description = "Deletes the dead-lettered messages of one queue or subscription, or of all of them.",
                IconName = "Delete",
                ConfirmationMessage = "Delete dead-lettered messages? They cannot be replayed afterwards.",
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = EntityArgument,
                        Label = "Queue or subscription",
                        Description = "A queue (`jobs`) or a subscription (`orders/Subscriptions/audit`); empty purges every dead-letter queue.",
                        InputType = InputType.Text,
                        Required = false,
                    },
                ],
                UpdateState = EnabledWhileHealthy,
            });
        return emulator;
    }

    private static ResourceCommandState EnabledWhileHealthy(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus is Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;

    private static async Task<ExecuteCommandResult> RunAsync(
        IResourceWithConnectionString serviceBus,
        ExecuteCommandContext context,
        Func<ServiceBusEntities, ExecuteCommandContext, Task<ExecuteCommandResult>> command)
    {
        try
        {
            var connectionString = await serviceBus.GetConnectionStringAsync(context.CancellationToken)
                ?? throw new InvalidOperationException("The Service Bus connection string is not available yet.");
            await using var entities = new ServiceBusEntities(connectionString);
            return await command(entities, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CommandResults.Failure($"The emulator did not answer: {ex.Message}");
        }
    }

    private static async Task<ExecuteCommandResult> ShowCountsAsync(ServiceBusEntities entities, ExecuteCommandContext context)
    {
        var counts = await entities.CountAsync(context.CancellationToken);
        var table = new StringBuilder("| entity | active | scheduled | dead-letter |\n| --- | ---: | ---: | ---: |\n");
        foreach (var count in counts)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {count.Path} | {count.Active} | {count.Scheduled} | {count.DeadLetter} |\n");
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{counts.Count} entities: {counts.Sum(c => c.Active)} active, {counts.Sum(c => c.Scheduled)} scheduled, {counts.Sum(c => c.DeadLetter)} dead-lettered.");
        return CommandResults.Success(summary, table.ToString(), CommandResultFormat.Markdown, displayImmediately: true);
    }

    private static async Task<ExecuteCommandResult> PurgeAsync(ServiceBusEntities entities, ExecuteCommandContext context)
    {
        var requested = context.Arguments.TryGetByName(EntityArgument, out var input) && !string.IsNullOrWhiteSpace(input.Value) ? input.Value.Trim() : null;
        var counts = await entities.CountAsync(context.CancellationToken);
        var targets = requested is null
            ? counts.Where(c => c.DeadLetter > 0).ToList()
            : counts.Where(c => string.Equals(c.Path, requested, StringComparison.OrdinalIgnoreCase)).ToList();
        if (requested is not null && targets.Count == 0)
        {
            return CommandResults.Failure($"There is no queue or subscription '{requested}'; \"Show entity counts\" lists them.");
        }

        var purged = new List<string>();
        var total = 0;
        foreach (var target in targets)
        {
            var deleted = await entities.PurgeDeadLettersAsync(target.Path, target.DeadLetter, context.CancellationToken);
            total += deleted;
            purged.Add(string.Create(CultureInfo.InvariantCulture, $"{target.Path} {deleted}"));
        }

        var scope = requested ?? "all entities";
        return CommandResults.Success(
            total == 0
                ? $"No dead-lettered messages in {scope}."
                : string.Create(CultureInfo.InvariantCulture, $"Purged {total} dead-lettered message(s) from {scope}: {string.Join(", ", purged)}."));
    }
}
