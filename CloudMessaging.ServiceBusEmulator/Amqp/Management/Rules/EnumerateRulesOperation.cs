using CloudMessaging.ServiceBusEmulator.Filters.Amqp;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management.Rules;

/// <summary><c>enumerate-rules</c>: one page of the rules in creation order; 204 once the pages run out.</summary>
internal sealed class EnumerateRulesOperation : IManagementOperation
{
    public string Name => "com.microsoft:enumerate-rules";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var rules = request.Rules.Rules;
        var skip = Math.Max(0, Convert.ToInt32(request.Get("skip") ?? 0));
        var top = Math.Max(0, Convert.ToInt32(request.Get("top") ?? int.MaxValue));
        var page = rules.Skip(skip).Take(top).ToList();
        return page.Count == 0
            ? ManagementResponse.NoContent
            : ManagementResponse.WithBody(RuleDescriptionCodec.EncodeEnumerateRulesResponse(page));
    }
}
