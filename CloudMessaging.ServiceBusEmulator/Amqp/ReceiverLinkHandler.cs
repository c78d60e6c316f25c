using CloudMessaging.ServiceBusEmulator.Amqp.Transactions;
using CloudMessaging.ServiceBusEmulator.Amqp.Transport;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transaction;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// A client's receiver link, fed by its entity. The delivery tag is the lock token (16 bytes, Guid.ToByteArray
/// order), which is how the SDK reads it; settlements arrive as dispositions and are echoed with Accepted. A
/// disposition carrying a transaction is staged until the transaction ends and echoed with its transactional state.
/// </summary>
internal sealed class ReceiverLinkHandler : IMessageConsumer, IBurstEndWork
{
    private readonly SendingAmqpLink _link;
    private readonly MessageEntity _entity;
    private readonly TransactionLookup _transactions;
    private readonly ILogger _logger;
    private int _flushScheduled;

    public ReceiverLinkHandler(SendingAmqpLink link, MessageEntity entity, ReceiveMode receiveMode, TransactionLookup transactions, ILogger logger)
    {
        _link = link;
        _entity = entity;
        _transactions = transactions;
        _logger = logger;
        ReceiveMode = receiveMode;
        link.RegisterCreditListener(OnCredit);
        link.RegisterDispositionListener(OnDisposition);
        link.SafeAddClosed((_, _) => entity.RemoveConsumer(this));
    }

    public ReceiveMode ReceiveMode { get; }

    /// <summary>Set once the session is granted, before the handler is added to the entity.</summary>
    public string? SessionId { get; set; }

    public int AvailableCredit =>
        _link.State == AmqpObjectState.Opened ? (int)Math.Clamp((long)_link.LinkCredit - _link.Available, 0, int.MaxValue) : 0;

    public void Deliver(in MessageDelivery delivery)
    {
        var message = MessageCodec.ToAmqpMessage(delivery, ReceiveMode == ReceiveMode.PeekLock);
        _link.SendMessageNoWait(message, new ArraySegment<byte>(delivery.LockToken.ToByteArray()), AmqpConstants.NullBinary);
    }

    // The link stays attached: closing it makes the SDK fail later settlements with ObjectDisposedException, whereas an
    // open link gets each settlement rejected with session-lock-lost, which the SDK raises as SessionLockLost.
    public void OnSessionLockLost() =>
        _logger.LogSessionLockExpired(SessionId, _entity.Name);

    // Runs inside the library's flow handling: a drain is answered right after this returns, so whatever can be
    // sent must be sent synchronously here.
    private void OnCredit(uint credit, bool drain, ArraySegment<byte> transactionId) => _entity.RequestPump();

    private void OnDisposition(Delivery delivery)
    {
        if (delivery.DeliveryTag.Count != 16)
        {
            return;
        }

        var lockToken = new Guid(delivery.DeliveryTag.AsSpan());
        DeliveryState outcome = AmqpConstants.AcceptedOutcome;
        DurableWrites.Begin();
        try
        {
            var state = delivery.State;
            var transaction = state is TransactionalState transactional ? _transactions.Find(transactional.TxnId, _link, _entity.Name) : null;
            if (transaction is not null)
            {
                state = ((TransactionalState)state).Outcome;
                outcome = new TransactionalState { TxnId = new ArraySegment<byte>(transaction.Id), Outcome = AmqpConstants.AcceptedOutcome };
            }

            if (state is Released)
            {
                _entity.Release(lockToken);
            }
            else if (ToSettlement(state) is { } settlement)
            {
                if (transaction is null)
                {
                    _entity.Settle(lockToken, settlement, SessionId);
                }
                else
                {
                    transaction.StageSettlement(_entity, lockToken, settlement, SessionId);
                }
            }
        }
        catch (BrokerException ex)
        {
            outcome = new Rejected { Error = ErrorConditions.ToError(ex) };
        }
        catch (Exception ex)
        {
            _logger.LogSettlementFailed(ex, _entity.Name);
            outcome = new Rejected { Error = new Error { Condition = ErrorConditions.InternalError, Description = ex.Message } };
        }

        if (DurableWrites.End() is { } commit)
        {
            DurableAcknowledgement.WhenDurable(commit, failure => Echo(delivery, failure is null ? outcome : DurableAcknowledgement.Rejection(failure)));
            return;
        }

        Echo(delivery, outcome);
    }

    private void Echo(Delivery delivery, DeliveryState outcome)
    {
        if (!delivery.Settled)
        {
            // Echo Accepted even for dead-letter: the SDK reads an echoed Rejected-with-error as a failure.
            // Echoes are held back and flushed once the current burst of client dispositions has been handled,
            // so that many settlements travel in few disposition frames. The library holds an echo back only for a
            // delivery marked batchable (set here, after its transfer went out, so the client is not told to delay
            // its own dispositions); otherwise every echo is a frame and a socket write of its own.
            delivery.Batchable = true;
            _link.DisposeDelivery(delivery, true, outcome, true);
            // On the connection's reading thread the flush waits for the end of the burst of frames it handles
            // (no thread to wake); elsewhere (a durable commit's completion) a pool thread does it.
            if (Interlocked.Exchange(ref _flushScheduled, 1) == 0 && !CoalescingTransport.TryRunAtBurstEnd(this))
            {
                ThreadPool.UnsafeQueueUserWorkItem(static handler => handler.RunAtBurstEnd(), this, preferLocal: false);
            }
        }
    }

    /// <summary>Sends the held echoes.</summary>
    public void RunAtBurstEnd()
    {
        Volatile.Write(ref _flushScheduled, 0);
        _link.Session.Flush();
    }

    private static Settlement? ToSettlement(DeliveryState? state) => state switch
    {
        Accepted => Settlement.Complete,
        Modified { UndeliverableHere: true } defer => new Settlement(SettlementKind.Defer, ToProperties(defer.MessageAnnotations)),
        Modified abandon => new Settlement(SettlementKind.Abandon, ToProperties(abandon.MessageAnnotations)),
        Rejected rejected => ToDeadLetter(rejected.Error),
        _ => null,
    };

    private static Settlement ToDeadLetter(Error? error)
    {
        string? reason = null, description = null;
        Dictionary<string, object?>? properties = null;
        if (error?.Info is { } info)
        {
            foreach (var pair in info)
            {
                var key = KeyText(pair.Key);
                switch (key)
                {
                    case MessageEntity.DeadLetterReasonProperty: reason = pair.Value as string; break;
                    case MessageEntity.DeadLetterDescriptionProperty: description = pair.Value as string; break;
                    default: (properties ??= [])[key] = pair.Value; break;
                }
            }
        }

        return new Settlement(SettlementKind.DeadLetter, properties, reason, description);
    }

    internal static Dictionary<string, object?>? ToProperties(AmqpMap? map)
    {
        if (map is null || map.Count == 0)
        {
            return null;
        }

        var properties = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (var pair in map)
        {
            properties[KeyText(pair.Key)] = pair.Value;
        }

        return properties;
    }

    private static string KeyText(MapKey key) => key.Key is AmqpSymbol symbol ? symbol.Value : key.Key?.ToString() ?? string.Empty;
}
