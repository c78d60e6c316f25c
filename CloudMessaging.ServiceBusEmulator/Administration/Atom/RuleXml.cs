using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Configuration;
using CloudMessaging.ServiceBusEmulator.Filters.Rules;
using static CloudMessaging.ServiceBusEmulator.Administration.Atom.CountDetailsXml;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>A RuleDescription (also a subscription's DefaultRuleDescription): filter, action and name.</summary>
internal static class RuleXml
{
    public const string ElementName = "RuleDescription";
    public const string DefaultRuleName = CompiledRule.DefaultRuleName;

    private const int SqlCompatibilityLevel = 20;

    public static RuleDefinition ReadRule(XElement rule, string defaultName)
    {
        var name = rule.Element(AtomNames.Sb("Name"))?.Value is { Length: > 0 } given ? given : defaultName;
        var filter = rule.Element(AtomNames.Sb("Filter")) is { } filterElement
            ? RuleFilterXml.Read(filterElement)
            : new TrueFilterDefinition();
        var action = rule.Element(AtomNames.Sb("Action"));
        string? actionSql = null;
        if (action is not null && action.Attribute(AtomNames.Type)?.Value is var actionType && actionType != "EmptyRuleAction")
        {
            if (actionType != "SqlRuleAction")
            {
                throw AdministrationException.BadRequest($"Rule action type '{actionType}' is not supported; use SqlRuleAction.");
            }

            RuleFilterXml.RefuseParameters(action, "SQL rule action");
            actionSql = action.Element(AtomNames.Sb("SqlExpression"))?.Value;
        }

        var unknown = rule.Elements().FirstOrDefault(e => e.Name.LocalName is not ("Name" or "Filter" or "Action" or "CreatedAt"));
        return unknown is not null
            ? throw AdministrationException.BadRequest($"The rule property '{unknown.Name.LocalName}' is not supported by the emulator.")
            : new RuleDefinition { Name = name, Filter = filter, ActionSqlExpression = string.IsNullOrWhiteSpace(actionSql) ? null : actionSql };
    }

    public static XElement Describe(CompiledRule rule) =>
        new(
            AtomNames.Sb(ElementName),
            RuleFilterXml.Describe(rule.Definition.Filter),
            DescribeAction(rule.Definition.ActionSqlExpression),
            Sb("CreatedAt", AtomDocuments.Time(new DateTimeOffset(DateTime.SpecifyKind(rule.CreatedAt, DateTimeKind.Utc)))),
            Sb("Name", rule.Name));

    private static XElement DescribeAction(string? sql) =>
        sql is null
            ? new XElement(AtomNames.Sb("Action"), new XAttribute(AtomNames.Type, "EmptyRuleAction"))
            : new XElement(
                AtomNames.Sb("Action"),
                new XAttribute(AtomNames.Type, "SqlRuleAction"),
                Sb("SqlExpression", sql),
                Sb("CompatibilityLevel", Number(SqlCompatibilityLevel)));
}
