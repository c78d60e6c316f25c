using System.Net;
using System.Net.Http.Json;
using CloudMessaging.Shared;
using CloudMessaging.Shared.PubSub;
using CloudMessaging.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CloudMessaging.Tests.PubSub;

[Collection(AppHostCollection.Name)]
public sealed class FilterChangeTests(AppHostFixture fixture)
{
    private const string Fraud = EntityNames.OrdersSubscriptions.Fraud;

    private const string PlatinumOnly = "tier = 'platinum'";

    [Fact]
    public async Task A_filter_changed_at_run_time_applies_to_events_published_afterwards()
    {
        var api = new PubSubApi(fixture.Api);
        await using var services = await PubSubServices.ConnectAsync(fixture);
        var original = Assert.Single((await api.GetSubscriberAsync(Fraud)).Rules);
        var run = SampleOrderEvent.NewRun("filter");

        // Small, domestic and platinum: the original rule refuses it, the new one admits it.
        var before = SampleOrderEvent.Create(run, 0, OrderEventTypes.OrderPlaced, 10m, "NL", CustomerTiers.Platinum);
        await api.PublishAcceptedAsync(before.Body);
        await api.WaitForDeliveriesAsync(Expect(before, EntityNames.OrdersSubscriptions.Analytics), TimeSpan.FromMinutes(2));

        try
        {
            using var changed = await api.PutFilterAsync(Fraud, PlatinumOnly);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            var rules = await changed.Content.ReadFromJsonAsync<List<PubSubApi.Rule>>(PubSubApi.Json);
            var rule = Assert.Single(rules!);
            Assert.Equal(("Sql", PlatinumOnly), (rule.FilterType, rule.SqlExpression));

            var platinum = SampleOrderEvent.Create(run, 1, OrderEventTypes.OrderPlaced, 10m, "NL", CustomerTiers.Platinum);
            var large = SampleOrderEvent.Create(run, 2, OrderEventTypes.OrderPlaced, 5000m, "BR", CustomerTiers.Standard);
            await api.PublishAcceptedAsync(new[] { platinum.Body, large.Body });

            var expected = new Dictionary<string, IReadOnlySet<string>>
            {
                [before.Id] = new HashSet<string> { EntityNames.OrdersSubscriptions.Analytics },
                [platinum.Id] = new HashSet<string> { EntityNames.OrdersSubscriptions.Analytics, Fraud },
                [large.Id] = new HashSet<string> { EntityNames.OrdersSubscriptions.Analytics },
            };
            await api.WaitForDeliveriesAsync(expected, TimeSpan.FromMinutes(2));
            await services.WaitUntilDrainedAsync(expected.Keys, TimeSpan.FromMinutes(2));
            var deliveries = await api.WaitForDeliveriesAsync(expected, TimeSpan.FromSeconds(30));

            Assert.DoesNotContain(Fraud, deliveries[before.Id].HandledBy.Keys);
            Assert.Contains(Fraud, deliveries[platinum.Id].HandledBy.Keys);
            Assert.DoesNotContain(Fraud, deliveries[large.Id].HandledBy.Keys);
        }
        finally
        {
            // Tests share one AppHost: put the topology's own rule back, name and all.
            using var restored = await api.PutFilterAsync(Fraud, original.SqlExpression!, original.Name);
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        var after = Assert.Single((await api.GetSubscriberAsync(Fraud)).Rules);
        Assert.Equal(original, after with { Correlation = original.Correlation });
    }

    [Fact]
    public async Task A_bad_filter_expression_is_refused_with_the_parsers_message_and_changes_nothing()
    {
        var api = new PubSubApi(fixture.Api);
        var rulesBefore = (await api.GetSubscriberAsync(Fraud)).Rules.Select(r => (r.Name, r.SqlExpression)).ToList();

        using var response = await api.PutFilterAsync(Fraud, "total >= AND country = 'NL'");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var message = Assert.Single(problem!.Errors["sql"]);
        Assert.Contains("position", message, StringComparison.Ordinal);
        Assert.Equal(rulesBefore, (await api.GetSubscriberAsync(Fraud)).Rules.Select(r => (r.Name, r.SqlExpression)).ToList());
    }

    [Fact]
    public async Task A_filter_change_needs_a_known_subscriber_and_an_expression()
    {
        var api = new PubSubApi(fixture.Api);

        using var unknown = await api.PutFilterAsync("payroll", "1=1");
        using var empty = await fixture.Api.PutAsJsonAsync($"/api/subscribers/{Fraud}/filter", new { sql = " " });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var problem = await empty.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("sql", problem!.Errors.Keys);
    }

    private static Dictionary<string, IReadOnlySet<string>> Expect(SampleOrderEvent orderEvent, params string[] subscribers) =>
        new() { [orderEvent.Id] = subscribers.ToHashSet() };
}
