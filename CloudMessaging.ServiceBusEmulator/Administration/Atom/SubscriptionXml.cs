using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Configuration;
using static CloudMessaging.ServiceBusEmulator.Administration.Atom.CountDetailsXml;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>A SubscriptionDescription: read from a PUT (with its first rule on create), written for a GET.</summary>
internal static class SubscriptionXml
{
    public const string ElementName = "SubscriptionDescription";

    public static (SubscriptionDefinition Definition, EntityStatus Status, EntityMetadata Metadata) Read(
        string name, DescriptionProperties properties, AdministrationContext context, EntityMetadata? existing)
    {
        var settings = CommonProperties.ReadSettings(properties, context.ResolveForward);
        var rule = properties.Element("DefaultRuleDescription") is { } ruleElement ? RuleXml.ReadRule(ruleElement, RuleXml.DefaultRuleName) : null;
        var definition = new SubscriptionDefinition(settings) { Name = name, Rules = rule is null ? [] : [rule] };
        var status = properties.Status(EntityStatus.Active, EntityStatus.Disabled, EntityStatus.ReceiveDisabled);
        var metadata = CommonProperties.ReadMetadata(properties, existing, context.Time.GetUtcNow());
        properties.AcceptOnly("DeadLetteringOnFilterEvaluationExceptions", "true", "a rule that fails to evaluate dead-letters the message");
        properties.EnsureAllUnderstood();
        return (definition, status, metadata);
    }

    public static XElement Describe(Subscription subscription, EntityMetadata metadata, string host)
    {
        var entity = subscription.Entity;
        var settings = entity.Settings;
        return new XElement(
            AtomNames.Sb(ElementName),
            Sb("LockDuration", AtomDocuments.Duration(settings.LockDuration)),
            Sb("RequiresSession", AtomDocuments.Bool(settings.RequiresSession)),
            Sb("DefaultMessageTimeToLive", AtomDocuments.Duration(settings.DefaultMessageTimeToLive)),
            Sb("DeadLetteringOnMessageExpiration", AtomDocuments.Bool(settings.DeadLetteringOnMessageExpiration)),
            Sb("DeadLetteringOnFilterEvaluationExceptions", "true"),
            Runtime(metadata, entity.AccessedAt, entity.CountMessages()),
            Sb("MaxDeliveryCount", Number(settings.MaxDeliveryCount)),
            Sb("EnableBatchedOperations", AtomDocuments.Bool(metadata.EnableBatchedOperations)),
            Sb("Status", entity.Status.ToString()),
            settings.ForwardTo is { } forwardTo ? Sb("ForwardTo", AdministrationContext.ForwardUri(host, forwardTo)) : null,
            metadata.UserMetadata is { } userMetadata ? Sb("UserMetadata", userMetadata) : null,
            settings.ForwardDeadLetteredMessagesTo is { } dlq ? Sb("ForwardDeadLetteredMessagesTo", AdministrationContext.ForwardUri(host, dlq)) : null,
            Sb("AutoDeleteOnIdle", AtomDocuments.Duration(metadata.AutoDeleteOnIdle)),
            Sb("EntityAvailabilityStatus", "Available"));
    }
}
