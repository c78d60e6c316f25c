using System.Globalization;
using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Broker.Topics;
using CloudMessaging.ServiceBusEmulator.Configuration;
using static CloudMessaging.ServiceBusEmulator.Administration.Atom.CountDetailsXml;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>A TopicDescription: read from a PUT, written for a GET, with the counts of its subscriptions.</summary>
internal static class TopicXml
{
    public const string ElementName = "TopicDescription";

    public static (TopicDefinition Definition, EntityStatus Status, EntityMetadata Metadata) Read(
        string name, DescriptionProperties properties, AdministrationContext context, EntityMetadata? existing)
    {
        var definition = new TopicDefinition
        {
            Name = name,
            DefaultMessageTimeToLive = properties.Duration("DefaultMessageTimeToLive", EntityDefaults.DefaultMessageTimeToLive),
            RequiresDuplicateDetection = properties.Bool("RequiresDuplicateDetection", false),
            DuplicateDetectionHistoryTimeWindow = properties.Duration("DuplicateDetectionHistoryTimeWindow", EntityDefaults.DuplicateDetectionHistoryTimeWindow),
            MaxSizeInMegabytes = properties.Int("MaxSizeInMegabytes", EntityDefaults.MaxSizeInMegabytes),
        };
        PropertyRanges.CheckPositive("DefaultMessageTimeToLive", definition.DefaultMessageTimeToLive);
        PropertyRanges.Check(
            "DuplicateDetectionHistoryTimeWindow", definition.DuplicateDetectionHistoryTimeWindow, PropertyRanges.MinDuplicateWindow, PropertyRanges.MaxDuplicateWindow);
        PropertyRanges.CheckAtLeast("MaxSizeInMegabytes", definition.MaxSizeInMegabytes, 1);
        var status = properties.Status(EntityStatus.Active, EntityStatus.Disabled, EntityStatus.SendDisabled);
        var metadata = CommonProperties.ReadMetadata(properties, existing, context.Time.GetUtcNow());
        CommonProperties.AcceptServiceDefaults(properties);
        properties.AcceptOnly("FilteringMessagesBeforePublishing", "false", "subscriptions filter as messages arrive");
        properties.AcceptOnly("EnableSubscriptionPartitioning", "false", "entities are not partitioned");
        properties.AcceptOnlyEmpty("ForwardTo", "a topic does not forward; its subscriptions can");
        properties.AcceptOnly("MaxMessageSizeInKilobytes", context.MaxMessageSizeInKilobytes.ToString(CultureInfo.InvariantCulture), "the emulator's --max-message-size sets it");
        properties.EnsureAllUnderstood();
        return (definition, status, metadata);
    }

    public static XElement Describe(Topic topic, EntityMetadata metadata)
    {
        var definition = topic.Definition;
        return new XElement(
            AtomNames.Sb(ElementName),
            Sb("DefaultMessageTimeToLive", AtomDocuments.Duration(definition.DefaultMessageTimeToLive)),
            Sb("MaxSizeInMegabytes", Number(definition.MaxSizeInMegabytes)),
            Sb("RequiresDuplicateDetection", AtomDocuments.Bool(definition.RequiresDuplicateDetection)),
            Sb("DuplicateDetectionHistoryTimeWindow", AtomDocuments.Duration(definition.DuplicateDetectionHistoryTimeWindow)),
            Sb("EnableBatchedOperations", AtomDocuments.Bool(metadata.EnableBatchedOperations)),
            Runtime(metadata, topic.AccessedAt, topic.CountMessages(), withMessageCount: false),
            Sb("FilteringMessagesBeforePublishing", "false"),
            Sb("IsAnonymousAccessible", "false"),
            Sb("Status", topic.Status.ToString()),
            metadata.UserMetadata is { } userMetadata ? Sb("UserMetadata", userMetadata) : null,
            Sb("SupportOrdering", "true"),
            Sb("AutoDeleteOnIdle", AtomDocuments.Duration(metadata.AutoDeleteOnIdle)),
            Sb("EnablePartitioning", "false"),
            Sb("EntityAvailabilityStatus", "Available"),
            Sb("EnableSubscriptionPartitioning", "false"),
            Sb("EnableExpress", "false"),
            Sb("SubscriptionCount", Number(topic.Subscriptions.Count)));
    }
}
