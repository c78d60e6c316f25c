namespace CloudMessaging.ServiceBusEmulator.Amqp;

/// <summary>
/// Addresses arrive in several shapes (<c>/q1</c> on links, <c>q1/$management</c> for management nodes,
/// <c>amqp://host/q1</c> as CBS audiences); all are reduced to the entity path <c>q1</c>.
/// </summary>
internal static class EntityAddress
{
    public static string Normalize(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return string.Empty;
        }

        // "/q1" parses as an absolute file URI on Unix, so only network schemes count as absolute here.
        if (address.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            address = uri.AbsolutePath;
        }

        return Uri.UnescapeDataString(address).Trim('/');
    }
}
