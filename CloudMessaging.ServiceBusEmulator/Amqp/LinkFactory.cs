using CloudMessaging.ServiceBusEmulator.Amqp.Cbs;
using CloudMessaging.ServiceBusEmulator.Amqp.Management;
using CloudMessaging.ServiceBusEmulator.Amqp.Transactions;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transaction;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// Decides what each attach is (CBS, transaction coordinator, management node, entity sender or receiver), checks the connection's CBS
/// authorization for it, and wires the link to its handler. Failures are thrown from the open so the client gets
/// the attach refused with the matching condition.
/// </summary>
internal sealed class LinkFactory(
    ServiceBusNamespace serviceBusNamespace,
    TransactionRegistry transactions,
    CbsNode cbs,
    long maxMessageSize,
    ILoggerFactory loggerFactory,
    EntityLinks? entityLinks = null) : IRuntimeProvider
{
    private readonly EntityLinks _entityLinks = entityLinks ?? new EntityLinks();

    private readonly IReadOnlyDictionary<string, IManagementOperation> _operations = ManagementNode.CreateOperations(maxMessageSize);
    private readonly ILogger _logger = loggerFactory.CreateLogger<LinkFactory>();
    private readonly TransactionLookup _transactionLookup = new(transactions);

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, isInitiator, amqpSettings, connectionSettings);

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        // The attach reply carries what is set here; the SDK cannot size messages or batches without it.
        var address = AddressOf(settings);
        if (IsEntityAddress(address))
        {
            settings.MaxMessageSize = (ulong)maxMessageSize;
        }
        else
        {
            // $cbs needs no token, so what a request link may buffer is bounded: a few requests of a bounded size.
            settings.MaxMessageSize = address == ServiceBusAmqpNames.CbsNodeAddress ? NodeLimits.CbsMaxMessageSize : NodeLimits.ManagementMaxMessageSize(maxMessageSize);
            settings.TotalLinkCredit = NodeLimits.RequestLinkCredit;
        }

        return settings.Role == true ? new ReceivingAmqpLink(session, settings) : new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state) =>
        TaskAsyncResult.Begin(OpenAsync(link), callback, state);

    public void EndOpenLink(IAsyncResult result) => TaskAsyncResult.End(result);

    private static string? AddressOf(AmqpLinkSettings settings) =>
        settings.Role == true ? (settings.Target as Target)?.Address?.ToString() : (settings.Source as Source)?.Address?.ToString();

    private static bool IsEntityAddress(string? address) =>
        address is not null && address != ServiceBusAmqpNames.CbsNodeAddress && !address.EndsWith(ServiceBusAmqpNames.ManagementNodeSuffix, StringComparison.OrdinalIgnoreCase);

    private async Task OpenAsync(AmqpLink link)
    {
        var connection = ConnectionContext.Of(link);
        if (link.Settings.Target is Coordinator)
        {
            // The service asks no token for the coordinator: the work done under a transaction is authorized on its own links.
            _ = link is ReceivingAmqpLink controller
                ? new CoordinatorLinkHandler(controller, transactions, connection, _logger)
                : throw new AmqpException(ErrorConditions.NotAllowed, "A transaction coordinator only receives declare and discharge commands.");
            return;
        }

        var address = AddressOf(link.Settings);
        CheckAttach(link, address);
        if (address == ServiceBusAmqpNames.CbsNodeAddress)
        {
            OpenNodeLink(link, connection, cbs);
            return;
        }

        var path = EntityAddress.Normalize(address);
        if (!connection.Grants.IsAuthorized(path))
        {
            throw new AmqpException(ErrorConditions.UnauthorizedAccess, $"Unauthorized access to '{path}': no valid token was put for it on $cbs.");
        }

        connection.Grants.Watch(link, path);

        if (path.EndsWith(ServiceBusAmqpNames.ManagementNodeSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var entityPath = path[..^ServiceBusAmqpNames.ManagementNodeSuffix.Length];
            OpenNodeLink(link, connection, new ManagementNode(ManagementScopeOf(entityPath), _operations, _transactionLookup, _logger));
            TrackManagementLink(link, entityPath);
            return;
        }

        CheckViaEntity(link, connection, path);
        if (link is ReceivingAmqpLink fromClient)
        {
            var target = serviceBusNamespace.FindTarget(path) ?? throw (serviceBusNamespace.FindSubscription(path) is not null
                ? new AmqpException(ErrorConditions.NotAllowed, $"'{path}' is a subscription: messages are sent to its topic, not to it.")
                : NotFound(path));
            EnsureStatusAllows(target, path, send: true);
            _ = new SenderLinkHandler(fromClient, target, maxMessageSize, _transactionLookup, _logger);
            _entityLinks.Track(target, link, EntityLinks.LinkRole.Sender);
            return;
        }

        var source = serviceBusNamespace.FindEntity(path) ?? throw (serviceBusNamespace.FindTopic(path) is not null
            ? new AmqpException(ErrorConditions.NotAllowed, $"'{path}' is a topic: messages are received from its subscriptions, not from it.")
            : NotFound(path));
        var filters = (link.Settings.Source as Source)?.FilterSet;
        var wantsSession = filters is not null && filters.TryGetValue<object>(ServiceBusAmqpNames.SessionFilterKey, out _);
        if (wantsSession != source.RequiresSession)
        {
            throw new AmqpException(ErrorConditions.NotAllowed, source.RequiresSession
                ? $"It is not possible for an entity that requires sessions to create a non-sessionful message receiver ('{path}')."
                : $"'{path}' does not require sessions; a session receiver cannot be created on it.");
        }

        EnsureStatusAllows(source, path, send: false);
        _entityLinks.Track(source, link, EntityLinks.LinkRole.Receiver);
        var mode = link.Settings.SettleType == SettleMode.SettleOnSend ? ReceiveMode.ReceiveAndDelete : ReceiveMode.PeekLock;
        var handler = new ReceiverLinkHandler((SendingAmqpLink)link, source, mode, _transactionLookup, _logger);
        if (wantsSession)
        {
            await AcceptSessionAsync(link, source, handler, filters!);
        }

        link.Opened += (_, _) => source.AddConsumer(handler);
    }

    // The attach is held until a session is granted; the reply then names it and carries its lock expiry as ticks.
    private static async Task AcceptSessionAsync(AmqpLink link, MessageEntity source, ReceiverLinkHandler handler, FilterSet filters)
    {
        filters.TryGetValue<string>(ServiceBusAmqpNames.SessionFilterKey, out var requested);
        var wait = requested is null && link.Settings.Properties?.TryGetValue<uint>(ServiceBusAmqpNames.Timeout, out var milliseconds) == true
            ? TimeSpan.FromMilliseconds(milliseconds)
            : TimeSpan.FromSeconds(60);
        SessionGrant grant;
        try
        {
            grant = await source.AcceptSessionAsync(requested, handler, wait, CancellationToken.None);
        }
        catch (BrokerException ex)
        {
            throw ErrorConditions.ToAmqpException(ex);
        }

        handler.SessionId = grant.SessionId;
        if (link.IsClosing())
        {
            source.RemoveConsumer(handler);
            throw new AmqpException(ErrorConditions.NotAllowed, "The link closed while waiting for a session.");
        }

        filters[ServiceBusAmqpNames.SessionFilterKey] = grant.SessionId;
        link.Settings.Properties ??= new Fields();
        link.Settings.Properties[ServiceBusAmqpNames.LockedUntilUtc] = grant.LockedUntil.UtcTicks;
    }

    // What no Service Bus link can be: refused with a condition that names the mistake, before authorization.
    private static void CheckAttach(AmqpLink link, string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            throw new AmqpException(ErrorConditions.InvalidField, link is ReceivingAmqpLink
                ? "A sender link needs a target address: the entity or node to send to."
                : "A receiver link needs a source address: the entity or node to receive from.");
        }

        // Settling second would have the broker wait for the sender's settlement; like the service, every
        // transfer is settled once it is stored.
        if (link is ReceivingAmqpLink && link.Settings.RcvSettleMode == (byte)ReceiverSettleMode.Second)
        {
            throw new AmqpException(ErrorConditions.NotImplemented, "rcv-settle-mode 'second' is not supported on links that send to the emulator; use 'first'.");
        }
    }

    // With EnableCrossEntityTransactions the service routes a client's work through the entity of its first link:
    // it sends anywhere through it, but refuses to receive from another entity, transaction or not.
    private static void CheckViaEntity(AmqpLink link, ConnectionContext connection, string path)
    {
        var entity = BrokerTransaction.TopLevelEntityOf(path);
        var via = connection.ViaEntity(link.Session, entity);
        if (via is not null && link is SendingAmqpLink && !string.Equals(via, entity, StringComparison.OrdinalIgnoreCase))
        {
            throw new AmqpException(
                ErrorConditions.NotAllowed,
                $"Local transactions cannot span multiple top-level entities such as queue or topic: this client has cross-entity transactions " +
                $"enabled and works through '{via}', so it cannot receive from '{entity}'. Use another ServiceBusClient for it.");
        }
    }

    private static void OpenNodeLink(AmqpLink link, ConnectionContext connection, RequestResponseNode node)
    {
        if (link is ReceivingAmqpLink requests)
        {
            node.AttachRequestLink(requests, connection);
        }
        else
        {
            RequestResponseNode.AttachReplyLink((SendingAmqpLink)link, connection);
        }
    }

    private ManagementScope ManagementScopeOf(string entityPath)
    {
        if (serviceBusNamespace.FindEntity(entityPath) is { } entity)
        {
            return ManagementScope.ForEntity(entity, serviceBusNamespace.FindSubscription(entityPath)?.Rules);
        }

        return serviceBusNamespace.FindTopic(entityPath) is { } topic ? ManagementScope.ForTopic(topic) : throw NotFound(entityPath);
    }

    private void TrackManagementLink(AmqpLink link, string entityPath)
    {
        if (((object?)serviceBusNamespace.FindEntity(entityPath) ?? serviceBusNamespace.FindTopic(entityPath)) is { } entity)
        {
            _entityLinks.Track(entity, link, EntityLinks.LinkRole.Management);
        }
    }

    // A status set through the administration API: the attach is refused with entity-disabled (MessagingEntityDisabled).
    private static void EnsureStatusAllows(IMessageTarget entity, string path, bool send)
    {
        var status = entity switch
        {
            MessageEntity queueLike => queueLike.Status,
            Broker.Topics.Topic topic => topic.Status,
            _ => EntityStatus.Active,
        };
        if (send ? !status.AllowsSend() : !status.AllowsReceive())
        {
            throw new AmqpException(ErrorConditions.EntityDisabled, $"The messaging entity '{path}' is {status}.");
        }
    }

    private static AmqpException NotFound(string path) =>
        new(ErrorConditions.NotFound, $"The messaging entity '{path}' could not be found.");
}
