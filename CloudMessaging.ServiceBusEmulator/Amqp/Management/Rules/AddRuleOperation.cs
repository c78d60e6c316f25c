using CloudMessaging.ServiceBusEmulator.Filters.Amqp;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;

namespace CloudMessaging.ServiceBusEmulator.Amqp.Management.Rules;

/// <summary>
/// <c>add-rule</c>: the rule applies to messages sent after the answer. A rule that does not parse is answered with
/// <see cref="ErrorConditions.InvalidField"/>, which the SDK surfaces as a ServiceBusException carrying our text.
/// </summary>
internal sealed class AddRuleOperation : IManagementOperation
{
    public string Name => "com.microsoft:add-rule";

    public ManagementResponse Execute(ManagementRequest request)
    {
        var rules = request.Rules;
        try
        {
            rules.Add(RuleDescriptionCodec.DecodeAddRuleRequest(request.Body));
        }
        catch (InvalidRuleException ex)
        {
            throw new ManagementException(400, ErrorConditions.InvalidField, ex.Message);
        }
        catch (RuleAlreadyExistsException ex)
        {
            throw new ManagementException(409, ErrorConditions.EntityAlreadyExists, ex.Message);
        }

        return ManagementResponse.Ok;
    }
}
