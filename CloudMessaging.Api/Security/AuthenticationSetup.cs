using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace CloudMessaging.Api.Security;

/// <summary>
/// JWT bearer authentication and the role policies. With <see cref="SecurityOptions.RequireAuthentication"/> off the
/// policies let everyone through, so the endpoints declare their role once and behave the same in both modes.
/// </summary>
internal static class AuthenticationSetup
{
    public static void AddApiAuthentication(this WebApplicationBuilder builder, SecurityOptions security)
    {
        var authorization = builder.Services.AddAuthorizationBuilder();
        if (!security.RequireAuthentication)
        {
            authorization.AddPolicy(ApiPolicies.User, policy => policy.RequireAssertion(_ => true));
            authorization.AddPolicy(ApiPolicies.Operator, policy => policy.RequireAssertion(_ => true));
            return;
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options => Configure(options, security));

        // An operator is a user too; every endpoint without a policy of its own (OpenAPI, Scalar, the catalog) still
        // needs a signed-in caller. The probes opt out with AllowAnonymous.
        authorization.AddPolicy(ApiPolicies.User, policy => policy.RequireRole(ApiPolicies.User, ApiPolicies.Operator));
        authorization.AddPolicy(ApiPolicies.Operator, policy => policy.RequireRole(ApiPolicies.Operator));
        authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    private static void Configure(JwtBearerOptions options, SecurityOptions security)
    {
        if (string.IsNullOrWhiteSpace(security.Audience))
        {
            throw new InvalidOperationException("Security:Audience is required when Security:RequireAuthentication is true.");
        }

        // Claims keep their JWT names: roles, oid, sub.
        options.MapInboundClaims = false;
        var parameters = options.TokenValidationParameters;
        parameters.RoleClaimType = ApiPolicies.RoleClaim;
        parameters.NameClaimType = "name";
        parameters.ValidAudiences = Audiences(security.Audience);

        if (security.SigningKey is { Length: > 0 } key)
        {
            // Local development: tokens the AppHost's `token` command signs with the per-machine key.
            parameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(key));
            parameters.ValidIssuer = security.Issuer ?? throw new InvalidOperationException("Security:Issuer is required with Security:SigningKey.");
            return;
        }

        options.Authority = security.Authority ?? throw new InvalidOperationException("Security:Authority is required when Security:RequireAuthentication is true.");
        if (security.TenantId is { Length: > 0 } tenant)
        {
            // Entra issues v1 tokens (sts.windows.net) unless the app registration asks for v2; accept both of this tenant.
            parameters.ValidIssuers = [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"];
        }
    }

    /// <summary>Entra puts the client id in v2 tokens' <c>aud</c> and the app ID URI (<c>api://client-id</c>) in v1 tokens'.</summary>
    private static string[] Audiences(string audience) =>
        Uri.IsWellFormedUriString(audience, UriKind.Absolute) ? [audience] : [audience, $"api://{audience}"];
}
