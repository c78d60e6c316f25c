using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudMessaging.Tests.Deploy;

/// <summary>
/// One role assignment of a deployment snapshot: whose (the identity's name without its token), which role, and the
/// scope it holds it on, as the path under the resource group ("Microsoft.ServiceBus/namespaces/sb-x/queues/jobs").
/// </summary>
internal sealed partial record RoleAssignment(string Identity, string RoleId, string Scope)
{
    public static List<RoleAssignment> Read(JsonNode snapshot)
    {
        var assignments = new List<RoleAssignment>();
        foreach (var resource in snapshot["predictedResources"]!.AsArray())
        {
            if ((string?)resource!["type"] != "Microsoft.Authorization/roleAssignments")
            {
                continue;
            }

            var id = (string)resource["id"]!;
            var scope = id[(id.IndexOf("/providers/", StringComparison.Ordinal) + "/providers/".Length)..id.LastIndexOf("/providers/Microsoft.Authorization/", StringComparison.Ordinal)];
            var principal = (string)resource["properties"]!["principalId"]!;
            var identity = IdentityName().Match(principal).Groups[1].Value;
            var role = ((string)resource["properties"]!["roleDefinitionId"]!).Split('/')[^1];
            assignments.Add(new(identity, role, scope));
        }

        return assignments;
    }

    /// <summary>The entity part of a Service Bus scope ("queues/jobs", "topics/orders/subscriptions/billing"), or "" for the namespace.</summary>
    public string ServiceBusEntity =>
        Scope.StartsWith("Microsoft.ServiceBus/namespaces/", StringComparison.Ordinal)
            ? string.Join('/', Scope.Split('/').Skip(3))
            : throw new InvalidOperationException($"{Scope} is not a Service Bus scope");

    public bool IsServiceBus => Scope.StartsWith("Microsoft.ServiceBus/", StringComparison.Ordinal);

    // userAssignedIdentities/id-api-<token>: the role part of the name ("api").
    [GeneratedRegex(@"userAssignedIdentities/id-([a-z]+)-")]
    private static partial Regex IdentityName();
}
