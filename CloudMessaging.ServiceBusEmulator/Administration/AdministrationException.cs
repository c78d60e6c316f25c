namespace CloudMessaging.ServiceBusEmulator.Administration;

/// <summary>A request the API refuses: the status the SDK maps to its exception, and the reason it shows.</summary>
internal sealed class AdministrationException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static AdministrationException BadRequest(string reason) => new(400, reason);

    public static AdministrationException NotFound(string path) => new(404, $"The messaging entity '{path}' could not be found.");

    public static AdministrationException Conflict(string path) => new(409, $"The messaging entity '{path}' already exists.");
}
