namespace CloudMessaging.Api.Security;

/// <summary>
/// The two app roles. <see cref="User"/> submits and reads; <see cref="Operator"/> also changes how the system behaves
/// (filters, failure switches, dead-letter replay) and reads across callers (stats). An operator is also a user.
/// </summary>
public static class ApiPolicies
{
    public const string User = "user";

    public const string Operator = "operator";

    /// <summary>The claim that carries app roles in Entra ID access tokens (and in the local development tokens).</summary>
    public const string RoleClaim = "roles";
}
