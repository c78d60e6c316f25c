namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>
/// An expression that parsed but cannot be evaluated for a given message (e.g. integer division by zero, or
/// arithmetic on a string). The service dead-letters such a message on the subscription
/// (EnableDeadLetteringOnFilterEvaluationExceptions, on by default).
/// </summary>
public sealed class SqlEvaluationException(string message) : Exception(message);
