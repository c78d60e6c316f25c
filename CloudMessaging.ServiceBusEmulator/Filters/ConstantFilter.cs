using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters;

/// <summary>The service's TrueFilter and FalseFilter (SQL <c>1=1</c> and <c>1=0</c>).</summary>
public sealed class ConstantFilter : IRuleFilter
{
    public static readonly ConstantFilter True = new(true);

    public static readonly ConstantFilter False = new(false);

    private readonly bool _result;

    private ConstantFilter(bool result) => _result = result;

    public bool Matches(IRuleMessage message) => _result;

    public override string ToString() => _result ? "1=1" : "1=0";
}
