namespace CloudMessaging.ServiceBusEmulator.Security;

public sealed record SasValidationResult(bool IsValid, string? Error)
{
    public static readonly SasValidationResult Valid = new(true, null);

    public static SasValidationResult Invalid(string error) => new(false, error);
}
