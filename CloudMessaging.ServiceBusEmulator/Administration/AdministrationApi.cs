using System.Text;
using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Atom;
using CloudMessaging.ServiceBusEmulator.Administration.Http;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using CloudMessaging.ServiceBusEmulator.Security;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Administration;

/// <summary>
/// The service's ATOM feed API, as ServiceBusAdministrationClient calls it on the AMQP port: every request carries
/// a SAS token for its URL in Authorization, checked like a CBS token; then the path picks the resource.
/// </summary>
internal sealed class AdministrationApi(AdministrationContext context, SasTokenValidator validator, ILogger logger) : IDisposable
{
    private readonly QueueOperations _queues = new(context);
    private readonly TopicOperations _topics = new(context);
    private readonly SubscriptionOperations _subscriptions = new(context);
    private IdleEntitySweeper? _sweeper;

    /// <summary>Starts deleting idle entities (AutoDeleteOnIdle).</summary>
    public void Start() => _sweeper ??= new IdleEntitySweeper(context, _queues, _topics, _subscriptions);

    public void Dispose() => _sweeper?.Dispose();

    public void Serve(Stream connection) => _ = HttpConnection.ServeAsync(connection, HandleDurablyAsync, logger);

    /// <summary>Answers once what the request changed is on disk, in a durable namespace (docs/emulator-durability.md).</summary>
    public async Task<AdminHttpResponse> HandleDurablyAsync(AdminHttpRequest request)
    {
        DurableWrites.Begin();
        var response = Handle(request);
        if (DurableWrites.End() is { } commit)
        {
            try
            {
                await commit;
            }
            catch (BrokerException ex)
            {
                return Error(503, ex.Message);
            }
        }

        return response;
    }

    public AdminHttpResponse Handle(AdminHttpRequest request)
    {
        try
        {
            var host = request.Header("Host") ?? "localhost";
            Authorize(request, host);
            return Route(request, new ResourceResponse(host));
        }
        catch (AdministrationException ex)
        {
            return Error(ex.Status, ex.Message);
        }
        catch (BrokerException ex)
        {
            return Error(ex.Error == BrokerError.EntityNotFound ? 404 : 400, ex.Message);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return Error(400, "A value in the request could not be read: " + ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogAdministrationRequestFailed(ex, request.Method, request.Path);
            return Error(500, "The request failed in the emulator: " + ex.Message);
        }
    }

    private void Authorize(AdminHttpRequest request, string host)
    {
        var token = request.Header("Authorization")
            ?? throw new AdministrationException(401, "The request has no Authorization header with a shared access signature.");
        var hostName = host.Split(':')[0];
        var result = validator.Validate(token, $"http://{hostName}/{request.Path}");
        if (!result.IsValid)
        {
            throw new AdministrationException(401, $"Unauthorized: {result.Error}.");
        }
    }

    private AdminHttpResponse Route(AdminHttpRequest request, ResourceResponse response)
    {
        var path = ResourcePath.Parse(request.Path);
        return (path.Kind, request.Method) switch
        {
            (ResourceKind.NamespaceInfo, "GET") => NamespaceOperations.Get(context, response),
            (ResourceKind.Queues, "GET") => _queues.List(request, response),
            (ResourceKind.Topics, "GET") => _topics.List(request, response),
            (ResourceKind.Subscriptions, "GET") => _subscriptions.List(TopicOf(path), request, response),
            (ResourceKind.Rules, "GET") => RuleOperations.List(SubscriptionOf(path), request, response, context.Time.GetUtcNow()),
            (ResourceKind.Rule, "GET") => RuleOperations.Get(SubscriptionOf(path), path.Rule!, response),
            (ResourceKind.Rule, "PUT") => RuleOperations.Put(SubscriptionOf(path), path.Rule!, Body(request), IsUpdate(request), response, context.Limits),
            (ResourceKind.Rule, "DELETE") => RuleOperations.Delete(SubscriptionOf(path), path.Rule!),
            (ResourceKind.Subscription, "GET") => _subscriptions.Get(SubscriptionOf(path), response),
            (ResourceKind.Subscription, "PUT") => PutSubscription(path, request, response),
            (ResourceKind.Subscription, "DELETE") => _subscriptions.Delete(TopicOf(path), SubscriptionOf(path)),
            (ResourceKind.Entity, "GET") => GetEntity(path.Entity, response),
            (ResourceKind.Entity, "PUT") => PutEntity(path.Entity, request, response),
            (ResourceKind.Entity, "DELETE") => DeleteEntity(path.Entity),
            _ => Error(405, $"{request.Method} is not supported on '{request.Path}'."),
        };
    }

    private AdminHttpResponse GetEntity(string name, ResourceResponse response) =>
        context.Namespace.FindQueue(name) is { } queue ? _queues.Get(queue, response)
        : context.Namespace.FindTopic(name) is { } topic ? _topics.Get(topic, response)
        : throw AdministrationException.NotFound(name);

    private AdminHttpResponse PutEntity(string name, AdminHttpRequest request, ResourceResponse response)
    {
        var properties = Body(request);
        var queue = context.Namespace.FindQueue(name);
        var topic = context.Namespace.FindTopic(name);
        switch (properties.Kind)
        {
            case QueueXml.ElementName when IsUpdate(request):
                return _queues.Update(queue ?? throw AdministrationException.NotFound(name), properties, response);
            case QueueXml.ElementName:
                return queue is not null || topic is not null ? throw AdministrationException.Conflict(name) : _queues.Create(name, properties, response);
            case TopicXml.ElementName when IsUpdate(request):
                return _topics.Update(topic ?? throw AdministrationException.NotFound(name), properties, response);
            case TopicXml.ElementName:
                return queue is not null || topic is not null ? throw AdministrationException.Conflict(name) : _topics.Create(name, properties, response);
            default:
                throw AdministrationException.BadRequest($"'{name}' is created from a QueueDescription or a TopicDescription, not a {properties.Kind}.");
        }
    }

    private AdminHttpResponse DeleteEntity(string name) =>
        context.Namespace.FindQueue(name) is { } queue ? _queues.Delete(queue)
        : context.Namespace.FindTopic(name) is { } topic ? _topics.Delete(topic)
        : throw AdministrationException.NotFound(name);

    private AdminHttpResponse PutSubscription(ResourcePath path, AdminHttpRequest request, ResourceResponse response)
    {
        var topic = TopicOf(path);
        var properties = Body(request);
        if (properties.Kind != SubscriptionXml.ElementName)
        {
            throw AdministrationException.BadRequest($"A subscription is created from a SubscriptionDescription, not a {properties.Kind}.");
        }

        var existing = context.Namespace.FindSubscription(path.SubscriptionPath);
        return IsUpdate(request)
            ? _subscriptions.Update(topic, existing ?? throw AdministrationException.NotFound(path.SubscriptionPath), properties, response)
            : existing is not null
                ? throw AdministrationException.Conflict(path.SubscriptionPath)
                : _subscriptions.Create(topic, path.Subscription!, properties, response);
    }

    private Broker.Topics.Topic TopicOf(ResourcePath path) =>
        context.Namespace.FindTopic(path.Entity) ?? throw AdministrationException.NotFound(path.Entity);

    private Broker.Topics.Subscription SubscriptionOf(ResourcePath path)
    {
        TopicOf(path);
        return context.Namespace.FindSubscription(path.SubscriptionPath) ?? throw AdministrationException.NotFound(path.SubscriptionPath);
    }

    private static bool IsUpdate(AdminHttpRequest request) => request.Header("If-Match") is not null;

    private static DescriptionProperties Body(AdminHttpRequest request) => DescriptionProperties.Parse(request.Body);

    // The service's error body; the SDK shows the whole response text in its exception message.
    private static AdminHttpResponse Error(int status, string detail) =>
        new(status, AdminHttpResponse.XmlContentType, Encoding.UTF8.GetBytes(
            new XElement("Error", new XElement("Code", status), new XElement("Detail", detail)).ToString(SaveOptions.DisableFormatting)));
}
