using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Atom;
using CloudMessaging.ServiceBusEmulator.Administration.Http;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>A subscription's rules: list, get, create, update (replace) and delete; changes apply to later sends.</summary>
internal static class RuleOperations
{
    public static AdminHttpResponse List(Subscription subscription, AdminHttpRequest request, ResourceResponse response, DateTimeOffset now) =>
        response.Feed(HttpRequestPage.Of(request), subscription.Entity.Name + "/Rules", "Rules", now, subscription.Rules.Rules, r => Entry(subscription, r, response));

    public static AdminHttpResponse Get(Subscription subscription, string name, ResourceResponse response)
    {
        var rule = Find(subscription, name);
        return Answer(200, subscription, rule, response);
    }

    public static AdminHttpResponse Put(
        Subscription subscription, string name, DescriptionProperties properties, bool isUpdate, ResourceResponse response, AdministrationLimits limits)
    {
        EntityNames.CheckSubscriptionOrRuleName(name);
        var ruleElement = properties.Kind == RuleXml.ElementName
            ? RuleXmlElement(properties)
            : throw AdministrationException.BadRequest($"A rule is created from a {RuleXml.ElementName}, not a {properties.Kind}.");
        var definition = RuleXml.ReadRule(ruleElement, name) with { Name = name };
        try
        {
            // Compiled first, so a replacement that does not parse leaves the old rule in place.
            CompiledRule.Compile(definition);
            if (isUpdate)
            {
                Find(subscription, name);
                subscription.Rules.Remove(name);
            }
            else
            {
                AdministrationLimits.Ensure(subscription.Rules.Rules.Count, limits.MaxRulesPerSubscription, "rules per subscription");
            }

            return Answer(isUpdate ? 200 : 201, subscription, subscription.Rules.Add(definition), response);
        }
        catch (InvalidRuleException ex)
        {
            throw AdministrationException.BadRequest(ex.Message);
        }
        catch (RuleAlreadyExistsException)
        {
            throw AdministrationException.Conflict(PathOf(subscription, name));
        }
    }

    public static AdminHttpResponse Delete(Subscription subscription, string name)
    {
        try
        {
            subscription.Rules.Remove(name);
        }
        catch (RuleNotFoundException)
        {
            throw AdministrationException.NotFound(PathOf(subscription, name));
        }

        return ResourceResponse.Ok();
    }

    private static XElement RuleXmlElement(DescriptionProperties properties)
    {
        var element = new XElement(AtomNames.Sb(RuleXml.ElementName));
        foreach (var name in new[] { "Filter", "Action", "Name", "CreatedAt" })
        {
            if (properties.Element(name) is { } child)
            {
                element.Add(child);
            }
        }

        properties.EnsureAllUnderstood();
        return element;
    }

    private static CompiledRule Find(Subscription subscription, string name) =>
        subscription.Rules.Rules.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw AdministrationException.NotFound(PathOf(subscription, name));

    private static AdminHttpResponse Answer(int status, Subscription subscription, CompiledRule rule, ResourceResponse response)
    {
        var metadata = RuleMetadata(rule);
        return response.Entry(status, PathOf(subscription, rule.Name), rule.Name, metadata, RuleXml.Describe(rule));
    }

    private static XElement Entry(Subscription subscription, CompiledRule rule, ResourceResponse response) =>
        response.EntryElement(PathOf(subscription, rule.Name), rule.Name, RuleMetadata(rule), RuleXml.Describe(rule));

    private static EntityMetadata RuleMetadata(CompiledRule rule)
    {
        var created = new DateTimeOffset(DateTime.SpecifyKind(rule.CreatedAt, DateTimeKind.Utc));
        return new EntityMetadata { CreatedAt = created, UpdatedAt = created };
    }

    private static string PathOf(Subscription subscription, string rule) => subscription.Entity.Name + "/Rules/" + rule;
}
