using System.Collections.Concurrent;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using CloudMessaging.ServiceBusEmulator.Broker.Transactions;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transaction;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Transactions;

/// <summary>
/// The transaction coordinator a client's controller link attaches to (its target is a <c>coordinator</c>, not an
/// address). A <c>declare</c> is answered <c>declared(txn-id)</c>; a <c>discharge</c> commits or, with fail, rolls
/// back, answered accepted, or rejected with the reason. Transactions still open when this link or its connection
/// closes are rolled back, as the service does.
/// </summary>
internal sealed class CoordinatorLinkHandler
{
    private readonly ReceivingAmqpLink _link;
    private readonly TransactionRegistry _registry;
    private readonly ConnectionContext _connection;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<BrokerTransaction, byte> _declared = new();

    public CoordinatorLinkHandler(ReceivingAmqpLink link, TransactionRegistry registry, ConnectionContext connection, ILogger logger)
    {
        _link = link;
        _registry = registry;
        _connection = connection;
        _logger = logger;
        connection.AddCoordinatorSession(link.Session);
        link.RegisterMessageListener(OnCommand);
        link.SafeAddClosed((_, _) => AbandonOpenTransactions());
        link.Session.Connection.SafeAddClosed((_, _) => AbandonOpenTransactions());
    }

    private void OnCommand(AmqpMessage command)
    {
        DeliveryState outcome;
        DurableWrites.Begin();
        try
        {
            outcome = command.ValueBody?.Value switch
            {
                Declare => DeclareTransaction(),
                Discharge discharge => DischargeTransaction(discharge),
                var other => throw new AmqpException(
                    ErrorConditions.NotImplemented, $"The coordinator understands declare and discharge, not '{other?.GetType().Name ?? "an empty message"}'."),
            };
        }
        catch (BrokerException ex)
        {
            outcome = new Rejected { Error = ErrorConditions.ToError(ex) };
        }
        catch (AmqpException ex)
        {
            outcome = new Rejected { Error = ex.Error };
        }
        catch (Exception ex)
        {
            _logger.LogTransactionCommandFailed(ex);
            outcome = new Rejected { Error = new Error { Condition = ErrorConditions.InternalError, Description = ex.Message } };
        }

        if (DurableWrites.End() is { } commit)
        {
            DurableAcknowledgement.WhenDurable(commit, failure => Answer(command, failure is null ? outcome : DurableAcknowledgement.Rejection(failure)));
            return;
        }

        Answer(command, outcome);
    }

    private void Answer(AmqpMessage command, DeliveryState outcome)
    {
        _link.DisposeMessage(command, outcome, true, false);
        command.Dispose();
    }

    private Declared DeclareTransaction()
    {
        var transaction = _registry.Declare(_connection);
        _declared.TryAdd(transaction, 0);
        _logger.LogTransactionDeclared(Convert.ToHexString(transaction.Id), _link.Name);
        return new Declared { TxnId = new ArraySegment<byte>(transaction.Id) };
    }

    private Accepted DischargeTransaction(Discharge discharge)
    {
        var transaction = _registry.Find(discharge.TxnId.AsSpan(), _connection);
        _declared.TryRemove(transaction, out _);
        _registry.Discharge(transaction.Id, _connection, discharge.Fail == true);
        return AmqpConstants.AcceptedOutcome;
    }

    private void AbandonOpenTransactions()
    {
        foreach (var transaction in _declared.Keys)
        {
            if (_declared.TryRemove(transaction, out _))
            {
                _logger.LogTransactionAbandoned(Convert.ToHexString(transaction.Id), _link.Name);
                _registry.Abandon(transaction);
            }
        }
    }
}
