using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Atom;
using CloudMessaging.ServiceBusEmulator.Administration.Http;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>Topics: list, get, create, update and delete (with their subscriptions).</summary>
internal sealed class TopicOperations(AdministrationContext context)
{
    public AdminHttpResponse List(AdminHttpRequest request, ResourceResponse response) =>
        response.Feed(HttpRequestPage.Of(request), "$Resources/topics", "Topics", context.Time.GetUtcNow(), context.Namespace.Topics, t => Entry(t, response));

    public AdminHttpResponse Get(Topic topic, ResourceResponse response) =>
        response.Entry(200, topic.Name, topic.Name, context.Metadata.Of(topic), TopicXml.Describe(topic, context.Metadata.Of(topic)));

    public AdminHttpResponse Create(string name, DescriptionProperties properties, ResourceResponse response)
    {
        EntityNames.CheckEntityPath(name);
        var (definition, status, metadata) = TopicXml.Read(name, properties, context, existing: null);
        AdministrationLimits.Ensure(context.Namespace.Queues.Count + context.Namespace.Topics.Count, context.Limits.MaxQueuesAndTopics, "queues and topics");
        Topic topic;
        try
        {
            topic = context.Namespace.AddTopic(definition);
        }
        catch (InvalidOperationException)
        {
            throw AdministrationException.Conflict(name);
        }

        topic.Status = status;
        context.Metadata.Set(topic, metadata);
        context.Definitions.TopicDefined(definition, status, metadata);
        return response.Entry(201, topic.Name, topic.Name, metadata, TopicXml.Describe(topic, metadata));
    }

    public AdminHttpResponse Update(Topic topic, DescriptionProperties properties, ResourceResponse response)
    {
        var (definition, status, metadata) = TopicXml.Read(topic.Name, properties, context, context.Metadata.Of(topic));
        EntityChanges.RefuseSwitch("RequiresDuplicateDetection", topic.Definition.RequiresDuplicateDetection, definition.RequiresDuplicateDetection);
        topic.ApplyDefinition(definition);
        EntityChanges.ApplyStatus(context.Links, topic, status, s => topic.Status = s);
        context.Metadata.Set(topic, metadata);
        context.Definitions.TopicDefined(definition, status, metadata);
        return response.Entry(200, topic.Name, topic.Name, metadata, TopicXml.Describe(topic, metadata));
    }

    public AdminHttpResponse Delete(Topic topic)
    {
        var subscriptions = topic.Subscriptions;
        if (context.Namespace.RemoveTopic(topic))
        {
            context.Definitions.TopicDeleted(topic, subscriptions);
            context.Links.DetachDeleted(topic, topic.Name);
            foreach (var subscription in subscriptions)
            {
                SubscriptionOperations.DetachDeleted(context, subscription);
            }
        }

        return ResourceResponse.Ok();
    }

    private XElement Entry(Topic topic, ResourceResponse response) =>
        response.EntryElement(topic.Name, topic.Name, context.Metadata.Of(topic), TopicXml.Describe(topic, context.Metadata.Of(topic)));
}
