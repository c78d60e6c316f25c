using Azure.Messaging.ServiceBus;
using CloudMessaging.Api.Input;
using CloudMessaging.Api.Security;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;

namespace CloudMessaging.Api.PubSub;

/// <summary>The subscribers of the <c>orders</c> topic: what each handled, its rules, its filter and its failure switch.</summary>
internal static class SubscriberEndpoints
{
    public const int DeadLetterCountLimit = 1_000;

    public const int MaxFilterRequestBytes = 8 * 1024;

    /// <summary>Service Bus limits a SQL filter expression to 1,024 characters.</summary>
    public const int MaxSqlLength = 1024;

    private const int MaxRuleNameLength = 50;

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
            .Accepts<FilterChange>("application/json")
            .RequireAuthorization(ApiPolicies.Operator)
            .WithSummary("Replaces a subscription's rules with one SQL filter; applies to events published afterwards.");

        group.MapPut("/subscribers/{name}/failure", (string name, SubscriberStore store, FaultInjection faults) => SwitchFailureAsync(name, store, faults, failing: true))
            .RefuseBody()
            .WithName("FailSubscriber")
            .RequireAuthorization(ApiPolicies.Operator)
            .WithSummary("Makes a subscriber fail every event (for demos and tests): its copies retry, then dead-letter; the others go on.");

        group.MapDelete("/subscribers/{name}/failure", (string name, SubscriberStore store, FaultInjection faults) => SwitchFailureAsync(name, store, faults, failing: false))
            .RefuseBody()
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
        string name, HttpRequest request, SubscriptionRules rules, CancellationToken cancellationToken)
    {
        if (OrderSubscribers.Find(name) is not { } subscriber)
        {
            return UnknownSubscriber(name);
        }

        var (body, readError) = await TypedJsonBody.ReadAsync(request, RequestJsonContext.Default.FilterChange, MaxFilterRequestBytes, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        var change = body!;
        if (string.IsNullOrWhiteSpace(change.Sql) || change.Sql.Length > MaxSqlLength)
        {
            return InputProblems.Invalid("sql", $"Required: a SQL filter expression of at most {MaxSqlLength} characters, such as total >= 500 AND country = 'NL'.");
        }

        if (change.RuleName is { } ruleName
            && (ruleName.Length is 0 or > MaxRuleNameLength || !ruleName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return InputProblems.Invalid("ruleName", $"Must be 1 to {MaxRuleNameLength} letters, digits, '-', '_' or '.'.");
        }

        try
        {
            var current = await rules.ReplaceAsync(subscriber, change.Sql, change.RuleName, cancellationToken);
            return TypedResults.Ok(current.Select(RuleView.From).ToList());
        }
        catch (InvalidFilterException ex)
        {
            return InputProblems.Invalid("sql", ex.Message);
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

    /// <summary>404 for a name that could be a subscription but is not one; 400 for one that could not be.</summary>
    private static IResult UnknownSubscriber(string name) =>
        !RequestValues.IsIdentifier(name, MaxRuleNameLength)
            ? InputProblems.Invalid("name", RequestValues.IdentifierRule(MaxRuleNameLength))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such subscriber.",
                detail: $"'{name}' is not a subscription of the orders topic: one of {string.Join(", ", OrderSubscribers.All)}.");
}
