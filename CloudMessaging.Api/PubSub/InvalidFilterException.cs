namespace CloudMessaging.Api.PubSub;

/// <summary>The broker refused a filter expression; <see cref="Exception.Message"/> is its parser's explanation.</summary>
public sealed class InvalidFilterException(string message, Exception innerException) : Exception(message, innerException);
