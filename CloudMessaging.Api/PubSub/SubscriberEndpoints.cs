using CloudMessaging.Api.Security;
using Azure.Messaging.ServiceBus;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

/// <summary>The subscribers of the <c>orders</c> topic: what each handled, its rules, its filter and its failure switch.</summary>
internal static class SubscriberEndpoints
{
    public const int DeadLetterCountLimit = 1_000;

    public static RouteGroupBuilder MapSubscriberEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/subscribers", ListAsync)
            .WithName("ListSubscribers")
            .RequireAuthorization(ApiPolicies.Operator)
            .WithSummary("Per subscription of the orders topic: events handled, the last one, dead-lettered count and current rules.");

        group.MapGet("/subscribers/{name}", GetAsync)
            .WithName("GetSubscriber")
            .RequireAuthorization(ApiPolicies.Operator)
            .WithSummary("One subscription of the orders topic: events handled, the last one, dead-lettered count and current rules.");

        group.MapPut("/subscribers/{name}/filter", ChangeFilterAsync)
            .WithName("ChangeSubscriberFilter")
            .RequireAuthorization(ApiPolicies.Operator)
            .WithSummary("Replaces a subscription's rules with one SQL filter; applies to events published afterwards.");

        group.MapPut("/subscribers/{name}/failure", (string name, SubscriberStore store, FaultInjection faults) => SwitchFailureAsync(name, store, faults, failing: true))
            .WithName("FailSubscriber")
            .RequireAuthorization(ApiPolicies.Operator)
            .WithSummary("Makes a subscriber fail every event (for demos and tests): its copies retry, then dead-letter; the others go on.");

        group.MapDelete("/subscribers/{name}/failure", (string name, SubscriberStore store, FaultInjection faults) => SwitchFailureAsync(name, store, faults, failing: false))
            .WithName("RestoreSubscriber")
            .RequireAuthorization(ApiPolicies.Operator)
            .WithSummary("Turns a subscriber's failure switch off again.");

        return group;
    }

    private static async Task<IResult> ListAsync(
        SubscriberStore store, SubscriptionRules rules, ServiceBusClient client, CancellationToken cancellationToken)
    {
        var views = await Task.WhenAll(OrderSubscribers.All.Select(name => DescribeAsync(name, store, rules, client, cancellationToken)));
        return TypedResults.Ok(views);
    }

    private static async Task<IResult> GetAsync(
        string name, SubscriberStore store, SubscriptionRules rules, ServiceBusClient client, CancellationToken cancellationToken) =>
        OrderSubscribers.Find(name) is { } subscriber
            ? TypedResults.Ok(await DescribeAsync(subscriber, store, rules, client, cancellationToken))
            : UnknownSubscriber(name);

    private static async Task<IResult> ChangeFilterAsync(
        string name, FilterChange? change, SubscriptionRules rules, CancellationToken cancellationToken)
    {
        if (OrderSubscribers.Find(name) is not { } subscriber)
        {
            return UnknownSubscriber(name);
        }

        if (string.IsNullOrWhiteSpace(change?.Sql))
        {
            return Invalid("sql", "Required: a SQL filter expression, such as total >= 500 AND country = 'NL'.");
        }

        if (change.RuleName is { } ruleName && (ruleName.Length is 0 or > 50 || !ruleName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return Invalid("ruleName", "Must be 1 to 50 letters, digits, '-', '_' or '.'.");
        }

        try
        {
            var current = await rules.ReplaceAsync(subscriber, change.Sql, change.RuleName, cancellationToken);
            return TypedResults.Ok(current.Select(RuleView.From).ToList());
        }
        catch (InvalidFilterException ex)
        {
            return Invalid("sql", ex.Message);
        }
    }

    private static async Task<IResult> SwitchFailureAsync(string name, SubscriberStore store, FaultInjection faults, bool failing)
    {
        if (faults.Refuse(("failure", true)) is { } refused)
        {
            return refused;
        }

        if (OrderSubscribers.Find(name) is not { } subscriber)
        {
            return UnknownSubscriber(name);
        }

        await store.SetFailingAsync(subscriber, failing);
        return TypedResults.NoContent();
    }

    private static async Task<SubscriberView> DescribeAsync(
        string subscriber, SubscriberStore store, SubscriptionRules rules, ServiceBusClient client, CancellationToken cancellationToken)
    {
        var statistics = store.GetStatisticsAsync(subscriber);
        var currentRules = rules.GetAsync(subscriber, cancellationToken);
        var deadLettered = CountDeadLetteredAsync(client, subscriber, cancellationToken);
        var stats = await statistics;
        return new SubscriberView(
            subscriber,
            stats.Handled,
            stats.LastEvent,
            stats.Failing,
            await deadLettered,
            (await currentRules).Select(RuleView.From).ToList());
    }

    /// <summary>Peeks (never receives) the dead-letter queue, so counting takes nothing away from whoever repairs it.</summary>
    private static async Task<int> CountDeadLetteredAsync(ServiceBusClient client, string subscriber, CancellationToken cancellationToken)
    {
        await using var receiver = client.CreateReceiver(
            EntityNames.OrdersTopic, subscriber, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var count = 0;
        long? fromSequenceNumber = null;
        while (count < DeadLetterCountLimit)
        {
            var page = await receiver.PeekMessagesAsync(Math.Min(250, DeadLetterCountLimit - count), fromSequenceNumber, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            count += page.Count;
            fromSequenceNumber = page[^1].SequenceNumber + 1;
        }

        return count;
    }

    private static IResult UnknownSubscriber(string name) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such subscriber.",
            detail: $"'{name}' is not a subscription of the orders topic: one of {string.Join(", ", OrderSubscribers.All)}.");

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");
}
