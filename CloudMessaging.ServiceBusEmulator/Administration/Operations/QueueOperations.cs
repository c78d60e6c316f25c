using CloudMessaging.ServiceBusEmulator.Administration.Atom;
using CloudMessaging.ServiceBusEmulator.Administration.Http;
using CloudMessaging.ServiceBusEmulator.Broker;

namespace CloudMessaging.ServiceBusEmulator.Administration.Operations;

/// <summary>Queues: list, get, create, update and delete.</summary>
internal sealed class QueueOperations(AdministrationContext context)
{
    public AdminHttpResponse List(AdminHttpRequest request, ResourceResponse response) =>
        response.Feed(HttpRequestPage.Of(request), "$Resources/queues", "Queues", context.Time.GetUtcNow(), context.Namespace.Queues, q => Entry(q, response));

    public AdminHttpResponse Get(MessageEntity queue, ResourceResponse response) =>
        response.Entry(200, queue.Name, queue.Name, context.Metadata.Of(queue), Describe(queue, response));

    public AdminHttpResponse Create(string name, DescriptionProperties properties, ResourceResponse response)
    {
        EntityNames.CheckEntityPath(name);
        var (definition, status, metadata) = QueueXml.Read(name, properties, context, existing: null);
        AdministrationLimits.Ensure(context.Namespace.Queues.Count + context.Namespace.Topics.Count, context.Limits.MaxQueuesAndTopics, "queues and topics");
        MessageEntity queue;
        try
        {
            queue = context.Namespace.AddQueue(definition);
        }
        catch (InvalidOperationException)
        {
            throw AdministrationException.Conflict(name);
        }

        queue.Status = status;
        context.Metadata.Set(queue, metadata);
        context.Definitions.QueueDefined(definition, status, metadata);
        return response.Entry(201, queue.Name, queue.Name, metadata, Describe(queue, response));
    }

    public AdminHttpResponse Update(MessageEntity queue, DescriptionProperties properties, ResourceResponse response)
    {
        var (definition, status, metadata) = QueueXml.Read(queue.Name, properties, context, context.Metadata.Of(queue));
        EntityChanges.RefuseSwitch("RequiresSession", queue.Settings.RequiresSession, definition.RequiresSession);
        EntityChanges.RefuseSwitch("RequiresDuplicateDetection", queue.Settings.RequiresDuplicateDetection, definition.RequiresDuplicateDetection);
        context.Namespace.UpdateQueue(queue, definition);
        EntityChanges.ApplyStatus(context.Links, queue, status, s => queue.Status = s);
        context.Metadata.Set(queue, metadata);
        context.Definitions.QueueDefined(definition, status, metadata);
        return response.Entry(200, queue.Name, queue.Name, metadata, Describe(queue, response));
    }

    public AdminHttpResponse Delete(MessageEntity queue)
    {
        if (context.Namespace.RemoveQueue(queue))
        {
            context.Definitions.QueueDeleted(queue);
            context.Links.DetachDeleted(queue, queue.Name);
            context.Links.DetachDeleted(queue.DeadLetterQueue!, queue.DeadLetterQueue!.Name);
        }

        return ResourceResponse.Ok();
    }

    private System.Xml.Linq.XElement Entry(MessageEntity queue, ResourceResponse response) =>
        response.EntryElement(queue.Name, queue.Name, context.Metadata.Of(queue), Describe(queue, response));

    private System.Xml.Linq.XElement Describe(MessageEntity queue, ResourceResponse response) =>
        QueueXml.Describe(queue, context.Namespace.QueueMaxSizeInMegabytes(queue), context.Metadata.Of(queue), response.Host);
}
