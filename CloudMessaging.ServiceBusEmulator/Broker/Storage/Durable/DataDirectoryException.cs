namespace CloudMessaging.ServiceBusEmulator.Broker.Storage.Durable;

/// <summary>The data directory cannot be used (not an emulator's, written by an incompatible version, in use); nothing in it was changed.</summary>
public sealed class DataDirectoryException(string message, Exception? inner = null) : Exception(message, inner);
