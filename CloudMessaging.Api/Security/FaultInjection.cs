using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CloudMessaging.Api.Security;

/// <summary>
/// The one check every fault field goes through. With <see cref="DemoOptions.FaultInjection"/> off, a request that
/// asks for a fault is refused as a whole (400 naming each field) before anything is stored or sent.
/// </summary>
public sealed class FaultInjection(IOptions<DemoOptions> options)
{
    public bool Enabled => options.Value.FaultInjection;

    /// <summary>Null when the request may go on; else the validation problem naming the requested fault fields.</summary>
    public ValidationProblem? Refuse(params (string Field, bool Requested)[] faults)
    {
        if (Enabled)
        {
            return null;
        }

        var errors = faults
            .Where(fault => fault.Requested)
            .ToDictionary(fault => fault.Field, _ => new[] { "Fault injection is turned off on this deployment (Demo:FaultInjection)." });
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "Fault injection is turned off.");
    }
}
