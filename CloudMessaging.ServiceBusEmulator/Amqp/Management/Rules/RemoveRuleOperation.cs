using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management.Rules;

internal sealed class RemoveRuleOperation : IManagementOperation
{
    public string Name => "com.microsoft:remove-rule";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var rules = request.Rules;
        var name = request.Required<string>("rule-name");
        try
        {
            rules.Remove(name);
        }
        catch (RuleNotFoundException ex)
        {
            throw new ManagementException(404, ErrorConditions.NotFound, ex.Message);
        }

        return ManagementResponse.Ok;
    }
}
