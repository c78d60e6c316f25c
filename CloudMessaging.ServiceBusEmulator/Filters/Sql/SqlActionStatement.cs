using System.Globalization;
using CloudMessaging.ServiceBusEmulator.Filters.Messages;

namespace CloudMessaging.ServiceBusEmulator.Filters.Sql;

internal abstract class SqlActionStatement
{
    public abstract void Apply(IRuleMessage message);
}

/// <summary>
/// SET: a missing operand makes the value NULL rather than failing (the action reference: "doesn't fail if
/// non-existent user properties were referenced"). Setting an existing application property keeps its numeric
/// type when the new value fits exactly ("SET performs implicit conversion if possible"), so an int property
/// halved by <c>SET quantity = quantity / 2</c> stays an int for the receiver.
/// </summary>
internal sealed class SetStatement(PropertyReference target, SqlNode value) : SqlActionStatement
{
    public override void Apply(IRuleMessage message)
    {
        var result = value.Evaluate(message);
        if (target.System is { } property)
        {
            message.SetSystemProperty(property, ToSystemType(property, result));
            return;
        }

        if (message.TryResolveApplicationProperty(target.Name, out var existingName, out var existing))
        {
            message.SetApplicationProperty(existingName, ConvertLike(existing, result));
        }
        else
        {
            message.SetApplicationProperty(target.Name, result);
        }
    }

    private static object? ToSystemType(SystemProperty property, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var type = SystemPropertyCatalog.ValueType(property);
        return (type, value) switch
        {
            _ when type == typeof(string) => SqlValues.ToInvariantString(value),
            _ when type == value.GetType() => value,
            _ when type == typeof(DateTime) && value is DateTimeOffset offset => offset.UtcDateTime,
            _ => throw new SqlEvaluationException(
                $"Cannot assign {SqlValues.Describe(value)} to sys.{property}, which holds {type.Name} values."),
        };
    }

    private static object? ConvertLike(object? existing, object? value)
    {
        if (existing is null || value is null || existing.GetType() == value.GetType()
            || !IsNumber(existing) || !IsNumber(value))
        {
            return value;
        }

        try
        {
            var converted = Convert.ChangeType(value, existing.GetType(), CultureInfo.InvariantCulture);
            return SqlValues.AreEqual(converted, value) == true ? converted : value;
        }
        catch (OverflowException)
        {
            return value;
        }
    }

    private static bool IsNumber(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;
}

internal sealed class RemoveStatement(PropertyReference target) : SqlActionStatement
{
    public override void Apply(IRuleMessage message)
    {
        if (message.TryResolveApplicationProperty(target.Name, out var existingName, out _))
        {
            message.RemoveApplicationProperty(existingName);
        }
    }
}
