using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

/// <summary>A <c>sys.Name</c> (with <see cref="System"/> set) or a <c>[user.]name</c> reference.</summary>
internal sealed record PropertyReference(string Name, SystemProperty? System)
{
    public bool Exists(IRuleMessage message) => System is { } property
        ? message.GetSystemProperty(property) is not null
        : message.TryResolveApplicationProperty(Name, out _, out _);

    public object? Read(IRuleMessage message)
    {
        if (System is { } property)
        {
            return message.GetSystemProperty(property);
        }

        message.TryResolveApplicationProperty(Name, out _, out var value);
        return value;
    }

    public override string ToString() => System is { } property ? $"sys.{property}" : Name;
}
