using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Atom;
using CloudMessaging.ServiceBusEmulator.Administration.Http;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>A topic's subscriptions: list, get, create (with a first rule), update and delete.</summary>
internal sealed class SubscriptionOperations(AdministrationContext context)
{
    public AdminHttpResponse List(Topic topic, AdminHttpRequest request, ResourceResponse response) =>
        response.Feed(
            HttpRequestPage.Of(request),
            topic.Name + "/Subscriptions",
            "Subscriptions",
            context.Time.GetUtcNow(),
            topic.Subscriptions.OrderBy(s => s.Entity.Name, StringComparer.OrdinalIgnoreCase),
            s => Entry(s, response));

    public AdminHttpResponse Get(Subscription subscription, ResourceResponse response) =>
        response.Entry(200, subscription.Entity.Name, NameOf(subscription), context.Metadata.Of(subscription.Entity), Describe(subscription, response));

    public AdminHttpResponse Create(Topic topic, string name, DescriptionProperties properties, ResourceResponse response)
    {
        EntityNames.CheckSubscriptionOrRuleName(name);
        var (definition, status, metadata) = SubscriptionXml.Read(name, properties, context, existing: null);
        AdministrationLimits.Ensure(topic.Subscriptions.Count, context.Limits.MaxSubscriptionsPerTopic, "subscriptions per topic");
        Subscription subscription;
        try
        {
            subscription = context.Namespace.AddSubscription(topic, definition);
        }
        catch (InvalidRuleException ex)
        {
            throw AdministrationException.BadRequest(ex.Message);
        }
        catch (InvalidOperationException)
        {
            throw AdministrationException.Conflict(Subscription.PathOf(topic.Name, name));
        }

        subscription.Entity.Status = status;
        context.Metadata.Set(subscription.Entity, metadata);
        context.Definitions.SubscriptionDefined(subscription, definition, status, metadata);
        return response.Entry(201, subscription.Entity.Name, name, metadata, Describe(subscription, response));
    }

    public AdminHttpResponse Update(Topic topic, Subscription subscription, DescriptionProperties properties, ResourceResponse response)
    {
        var entity = subscription.Entity;
        var (definition, status, metadata) = SubscriptionXml.Read(NameOf(subscription), properties, context, context.Metadata.Of(entity));
        EntityChanges.RefuseSwitch("RequiresSession", entity.Settings.RequiresSession, definition.RequiresSession);
        context.Namespace.UpdateSubscription(subscription, definition, topic);
        EntityChanges.ApplyStatus(context.Links, entity, status, s => entity.Status = s);
        context.Metadata.Set(entity, metadata);
        context.Definitions.SubscriptionDefined(subscription, definition, status, metadata);
        return response.Entry(200, entity.Name, NameOf(subscription), metadata, Describe(subscription, response));
    }

    public AdminHttpResponse Delete(Topic topic, Subscription subscription)
    {
        if (context.Namespace.RemoveSubscription(topic, subscription))
        {
            context.Definitions.SubscriptionDeleted(subscription);
            DetachDeleted(context, subscription);
        }

        return ResourceResponse.Ok();
    }

    public static void DetachDeleted(AdministrationContext context, Subscription subscription)
    {
        context.Links.DetachDeleted(subscription.Entity, subscription.Entity.Name);
        context.Links.DetachDeleted(subscription.Entity.DeadLetterQueue!, subscription.Entity.DeadLetterQueue!.Name);
    }

    public static string NameOf(Subscription subscription)
    {
        var path = subscription.Entity.Name;
        return path[(path.LastIndexOf('/') + 1)..];
    }

    private XElement Entry(Subscription subscription, ResourceResponse response) =>
        response.EntryElement(subscription.Entity.Name, NameOf(subscription), context.Metadata.Of(subscription.Entity), Describe(subscription, response));

    private XElement Describe(Subscription subscription, ResourceResponse response) =>
        SubscriptionXml.Describe(subscription, context.Metadata.Of(subscription.Entity), response.Host);
}
