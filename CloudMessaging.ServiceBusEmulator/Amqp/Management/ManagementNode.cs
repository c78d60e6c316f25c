using CloudMessaging.ServiceBusEmulator.Amqp.Management.Rules;
using CloudMessaging.ServiceBusEmulator.Amqp.Transactions;
using CloudMessaging.ServiceBusEmulator.Broker;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management;

/// <summary>
/// An entity's <c>$management</c> node: dispatches each request to its operation and shapes the response. A request
/// sent under a transaction (its delivery carries the txn-id) reaches the operation with that transaction.
/// </summary>
internal sealed class ManagementNode(
    ManagementScope scope, IReadOnlyDictionary<string, IManagementOperation> operations, TransactionLookup transactions, ILogger logger)
    : RequestResponseNode(logger)
{
    public static IReadOnlyDictionary<string, IManagementOperation> CreateOperations(long maxMessageSize) =>
        new IManagementOperation[]
        {
            new RenewLockOperation(),
            new PeekMessageOperation(),
            new ScheduleMessageOperation(maxMessageSize),
            new CancelScheduledMessageOperation(),
            new ReceiveBySequenceNumberOperation(),
            new UpdateDispositionOperation(),
            new RenewSessionLockOperation(),
            new GetSessionStateOperation(),
            new SetSessionStateOperation(maxMessageSize),
            new GetMessageSessionsOperation(),
            new BatchDeleteMessagesOperation(),
            new AddRuleOperation(),
            new RemoveRuleOperation(),
            new EnumerateRulesOperation(),
        }.ToDictionary(o => o.Name, StringComparer.Ordinal);

    protected override AmqpMessage Handle(AmqpMessage request, ConnectionContext connection)
    {
        string? name = null;
        request.ApplicationProperties?.Map.TryGetValue("operation", out name);
        try
        {
            if (name is null || !operations.TryGetValue(name, out var operation))
            {
                throw new ManagementException(501, ErrorConditions.NotImplemented, $"The operation '{name}' is not supported by the emulator.");
            }

            var body = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
            var transaction = transactions.Find(request.TxnId, request.Link, scope.Path);
            var response = operation.Execute(new ManagementRequest(scope, body, transaction));
            return Response(response.StatusCode, response.StatusCode == 200 ? "OK" : "No Content", null, response.Body);
        }
        catch (ManagementException ex)
        {
            return Response(ex.StatusCode, ex.Message, ex.Condition, null);
        }
        catch (BrokerException ex)
        {
            var (status, condition) = ErrorConditions.Of(ex.Error);
            return Response(status, ex.Message, condition, null);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            return Response(400, "The request is malformed: " + ex.Message, ErrorConditions.ArgumentError, null);
        }
        catch (Exception ex)
        {
            // Answer rather than drop: an unanswered request would leave the client waiting for its whole timeout.
            Logger.LogManagementOperationFailed(ex, name, scope.Path);
            return Response(500, "The emulator failed to process the request: " + ex.Message, ErrorConditions.InternalError, null);
        }
    }

    protected override AmqpMessage StorageFailed(BrokerException failure)
    {
        var (status, condition) = ErrorConditions.Of(failure.Error);
        return Response(status, failure.Message, condition, null);
    }

    private static AmqpMessage Response(int statusCode, string description, AmqpSymbol? condition, AmqpMap? body)
    {
        var response = body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = body });
        response.ApplicationProperties.Map["statusCode"] = statusCode;
        response.ApplicationProperties.Map["statusDescription"] = description;
        if (condition is { } errorCondition)
        {
            response.ApplicationProperties.Map["errorCondition"] = errorCondition;
        }

        return response;
    }
}
