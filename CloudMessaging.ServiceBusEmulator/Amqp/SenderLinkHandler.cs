using CloudMessaging.ServiceBusEmulator.Amqp.Transactions;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Storage;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transaction;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// A client's sender link: every transfer is stored, then settled Accepted, or Rejected with the reason. A transfer
/// carrying a transaction is only staged: stored when the transaction commits, and answered with its transactional state.
/// </summary>
internal sealed class SenderLinkHandler
{
    private readonly ReceivingAmqpLink _link;
    private readonly IMessageTarget _target;
    private readonly long _maxMessageSize;
    private readonly TransactionLookup _transactions;
    private readonly ILogger _logger;

    public SenderLinkHandler(ReceivingAmqpLink link, IMessageTarget target, long maxMessageSize, TransactionLookup transactions, ILogger logger)
    {
        _link = link;
        _target = target;
        _maxMessageSize = maxMessageSize;
        _transactions = transactions;
        _logger = logger;
        link.RegisterMessageListener(OnMessage);
        // The attach advertised maxMessageSize; once it is sent, let the library take somewhat larger transfers so
        // that one over the limit is answered Rejected (message-size-exceeded) rather than the link being detached:
        // the JavaScript SDK sends a single message without checking its size and would only see its send time out.
        link.Opened += (_, _) => link.Settings.MaxMessageSize = (ulong)AcceptedTransferSize(maxMessageSize);
    }

    /// <summary>The largest transfer buffered to be rejected; anything larger still detaches the link.</summary>
    public static long AcceptedTransferSize(long maxMessageSize) => Math.Max(maxMessageSize * 4, 4 * 1024 * 1024);

    private void OnMessage(AmqpMessage transfer)
    {
        DeliveryState outcome;
        DurableWrites.Begin();
        try
        {
            if (transfer.SerializedMessageSize > _maxMessageSize)
            {
                throw new BrokerException(
                    BrokerError.MessageSizeExceeded,
                    $"The message of {transfer.SerializedMessageSize} bytes exceeds the limit of {_maxMessageSize} bytes.");
            }

            var messages = MessageCodec.DecodeTransfer(transfer);
            if (_transactions.Find(transfer.TxnId, _link, _target.Name) is { } transaction)
            {
                transaction.StageSend(_target, messages);
                outcome = new TransactionalState { TxnId = new ArraySegment<byte>(transaction.Id), Outcome = AmqpConstants.AcceptedOutcome };
            }
            else
            {
                _target.Send(messages);
                outcome = AmqpConstants.AcceptedOutcome;
            }
        }
        catch (BrokerException ex)
        {
            outcome = new Rejected { Error = ErrorConditions.ToError(ex) };
        }
        catch (Exception ex)
        {
            _logger.LogSendFailed(ex, _target.Name);
            outcome = new Rejected { Error = new Error { Condition = ErrorConditions.InternalError, Description = "The message could not be stored: " + ex.Message } };
        }

        if (DurableWrites.End() is { } commit)
        {
            DurableAcknowledgement.WhenDurable(commit, failure => Settle(transfer, failure is null ? outcome : DurableAcknowledgement.Rejection(failure)));
            return;
        }

        Settle(transfer, outcome);
    }

    private void Settle(AmqpMessage transfer, DeliveryState outcome)
    {
        _link.DisposeMessage(transfer, outcome, true, false);
        transfer.Dispose();
    }
}
