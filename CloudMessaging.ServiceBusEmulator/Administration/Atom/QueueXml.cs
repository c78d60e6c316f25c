using System.Globalization;
using System.Xml.Linq;
using CloudMessaging.ServiceBusEmulator.Administration.Operations;
using CloudMessaging.ServiceBusEmulator.Broker;
using CloudMessaging.ServiceBusEmulator.Configuration;
using static CloudMessaging.ServiceBusEmulator.Administration.Atom.CountDetailsXml;

namespace CloudMessaging.ServiceBusEmulator.Administration.Atom;

/// <summary>A QueueDescription: read from a PUT, written for a GET, with the runtime counts.</summary>
internal static class QueueXml
{
    public const string ElementName = "QueueDescription";

    public static (QueueDefinition Definition, EntityStatus Status, EntityMetadata Metadata) Read(
        string name, DescriptionProperties properties, AdministrationContext context, EntityMetadata? existing)
    {
        var settings = CommonProperties.ReadSettings(properties, context.ResolveForward);
        var definition = new QueueDefinition(settings)
        {
            Name = name,
            RequiresDuplicateDetection = properties.Bool("RequiresDuplicateDetection", false),
            DuplicateDetectionHistoryTimeWindow = properties.Duration("DuplicateDetectionHistoryTimeWindow", EntityDefaults.DuplicateDetectionHistoryTimeWindow),
            MaxSizeInMegabytes = properties.Int("MaxSizeInMegabytes", EntityDefaults.MaxSizeInMegabytes),
        };
        PropertyRanges.Check(
            "DuplicateDetectionHistoryTimeWindow", definition.DuplicateDetectionHistoryTimeWindow, PropertyRanges.MinDuplicateWindow, PropertyRanges.MaxDuplicateWindow);
        PropertyRanges.CheckAtLeast("MaxSizeInMegabytes", definition.MaxSizeInMegabytes, 1);
        context.EnsureSendableTargetsExist(definition, name);
        var status = properties.Status(EntityStatus.Active, EntityStatus.Disabled, EntityStatus.SendDisabled, EntityStatus.ReceiveDisabled);
        var metadata = CommonProperties.ReadMetadata(properties, existing, context.Time.GetUtcNow());
        CommonProperties.AcceptServiceDefaults(properties);
        properties.AcceptOnly("MaxMessageSizeInKilobytes", context.MaxMessageSizeInKilobytes.ToString(CultureInfo.InvariantCulture), "the emulator's --max-message-size sets it");
        properties.EnsureAllUnderstood();
        return (definition, status, metadata);
    }

    public static XElement Describe(MessageEntity queue, int maxSizeInMegabytes, EntityMetadata metadata, string host)
    {
        var settings = queue.Settings;
        return new XElement(
            AtomNames.Sb(ElementName),
            Sb("LockDuration", AtomDocuments.Duration(settings.LockDuration)),
            Sb("MaxSizeInMegabytes", Number(maxSizeInMegabytes)),
            Sb("RequiresDuplicateDetection", AtomDocuments.Bool(settings.RequiresDuplicateDetection)),
            Sb("RequiresSession", AtomDocuments.Bool(settings.RequiresSession)),
            Sb("DefaultMessageTimeToLive", AtomDocuments.Duration(settings.DefaultMessageTimeToLive)),
            Sb("DeadLetteringOnMessageExpiration", AtomDocuments.Bool(settings.DeadLetteringOnMessageExpiration)),
            Sb("DuplicateDetectionHistoryTimeWindow", AtomDocuments.Duration(settings.DuplicateDetectionHistoryTimeWindow)),
            Sb("MaxDeliveryCount", Number(settings.MaxDeliveryCount)),
            Sb("EnableBatchedOperations", AtomDocuments.Bool(metadata.EnableBatchedOperations)),
            Runtime(metadata, queue.AccessedAt, queue.CountMessages()),
            Sb("IsAnonymousAccessible", "false"),
            Sb("Status", queue.Status.ToString()),
            settings.ForwardTo is { } forwardTo ? Sb("ForwardTo", AdministrationContext.ForwardUri(host, forwardTo)) : null,
            metadata.UserMetadata is { } userMetadata ? Sb("UserMetadata", userMetadata) : null,
            Sb("SupportOrdering", "true"),
            Sb("AutoDeleteOnIdle", AtomDocuments.Duration(metadata.AutoDeleteOnIdle)),
            Sb("EnablePartitioning", "false"),
            Sb("EntityAvailabilityStatus", "Available"),
            settings.ForwardDeadLetteredMessagesTo is { } dlq ? Sb("ForwardDeadLetteredMessagesTo", AdministrationContext.ForwardUri(host, dlq)) : null,
            Sb("EnableExpress", "false"));
    }
}
