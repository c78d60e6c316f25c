// Maps the local emulator topology (the official Config.json format) onto Service Bus ARM properties, so the
// Azure namespace and the emulator are built from one file and cannot drift apart. Properties a Config.json
// leaves out get the emulator's defaults, not Azure's, because the two differ (max delivery count 3 vs 10,
// duplicate detection window 20 seconds vs 10 minutes).

var config = loadJsonContent('../CloudMessaging.AppHost/servicebus/Config.json')
var namespaceConfig = config.UserConfig.Namespaces[0]

// The emulator's defaults (CloudMessaging.ServiceBusEmulator/Configuration/EntityDefaults.cs).
var defaultLockDuration = 'PT1M'
var defaultMaxDeliveryCount = 3
var defaultDuplicateDetectionWindow = 'PT20S'
// A bound on what a flood can fill a queue or topic with (Standard allows 1 to 5 GB). Config.json may name its own
// MaxSizeInMegabytes, which the emulator enforces too (QuotaExceeded).
var defaultMaxSizeInMegabytes = 1024
// TimeSpan.MaxValue: no expiry, as in the emulator when no time to live is given.
var unboundedTimeToLive = 'P10675199DT2H48M5.4775807S'

// Forwarding targets are only sent when set: Azure rejects an empty entity name.
func forwarding(properties object) object =>
  union(
    empty(properties.?ForwardTo ?? '') ? {} : { forwardTo: properties.ForwardTo },
    empty(properties.?ForwardDeadLetteredMessagesTo ?? '')
      ? {}
      : { forwardDeadLetteredMessagesTo: properties.ForwardDeadLetteredMessagesTo }
  )

func queueProperties(properties object) object =>
  union(
    {
      deadLetteringOnMessageExpiration: properties.?DeadLetteringOnMessageExpiration ?? false
      defaultMessageTimeToLive: properties.?DefaultMessageTimeToLive ?? unboundedTimeToLive
      duplicateDetectionHistoryTimeWindow: properties.?DuplicateDetectionHistoryTimeWindow ?? defaultDuplicateDetectionWindow
      lockDuration: properties.?LockDuration ?? defaultLockDuration
      maxDeliveryCount: properties.?MaxDeliveryCount ?? defaultMaxDeliveryCount
      maxSizeInMegabytes: properties.?MaxSizeInMegabytes ?? defaultMaxSizeInMegabytes
      requiresDuplicateDetection: properties.?RequiresDuplicateDetection ?? false
      requiresSession: properties.?RequiresSession ?? false
    },
    forwarding(properties)
  )

func topicProperties(properties object) object => {
  defaultMessageTimeToLive: properties.?DefaultMessageTimeToLive ?? unboundedTimeToLive
  duplicateDetectionHistoryTimeWindow: properties.?DuplicateDetectionHistoryTimeWindow ?? defaultDuplicateDetectionWindow
  maxSizeInMegabytes: properties.?MaxSizeInMegabytes ?? defaultMaxSizeInMegabytes
  requiresDuplicateDetection: properties.?RequiresDuplicateDetection ?? false
}

func subscriptionProperties(properties object) object =>
  union(
    {
      deadLetteringOnMessageExpiration: properties.?DeadLetteringOnMessageExpiration ?? false
      defaultMessageTimeToLive: properties.?DefaultMessageTimeToLive ?? unboundedTimeToLive
      lockDuration: properties.?LockDuration ?? defaultLockDuration
      maxDeliveryCount: properties.?MaxDeliveryCount ?? defaultMaxDeliveryCount
      requiresSession: properties.?RequiresSession ?? false
    },
    forwarding(properties)
  )

// Absent fields are left out rather than sent as null.
func withoutNulls(value object) object =>
  reduce(filter(items(value), entry => entry.value != null), {}, (result, entry) => union(result, { '${entry.key}': entry.value }))

func correlationFilter(filter object) object => withoutNulls({
  contentType: filter.?ContentType
  correlationId: filter.?CorrelationId
  label: filter.?Label
  messageId: filter.?MessageId
  replyTo: filter.?ReplyTo
  replyToSessionId: filter.?ReplyToSessionId
  sessionId: filter.?SessionId
  to: filter.?To
  properties: filter.?Properties
})

func ruleProperties(properties object) object =>
  union(
    properties.FilterType == 'Sql'
      ? { filterType: 'SqlFilter', sqlFilter: { sqlExpression: properties.SqlFilter.SqlExpression } }
      : { filterType: 'CorrelationFilter', correlationFilter: correlationFilter(properties.CorrelationFilter) },
    contains(properties, 'Action') ? { action: { sqlExpression: properties.Action.SqlExpression } } : {}
  )

var queues = map(namespaceConfig.?Queues ?? [], queue => {
  name: queue.Name
  properties: queueProperties(queue.?Properties ?? {})
})

@export()
@description('Queues that forward nowhere: created first, so forwarding queues and subscriptions can point at them.')
var plainQueues = filter(queues, queue => !contains(queue.properties, 'forwardTo') && !contains(queue.properties, 'forwardDeadLetteredMessagesTo'))

@export()
@description('Queues that forward to another entity: created after the plain queues and the topics.')
var forwardingQueues = filter(queues, queue => contains(queue.properties, 'forwardTo') || contains(queue.properties, 'forwardDeadLetteredMessagesTo'))

@export()
var topics = map(namespaceConfig.?Topics ?? [], topic => {
  name: topic.Name
  properties: topicProperties(topic.?Properties ?? {})
})

@export()
var subscriptions = flatten(map(namespaceConfig.?Topics ?? [], topic =>
  map(topic.?Subscriptions ?? [], subscription => {
    topic: topic.Name
    name: subscription.Name
    properties: subscriptionProperties(subscription.?Properties ?? {})
  })))

// A new Azure subscription gets a catch-all '$Default' rule, and rules are OR-ed: a subscription with its own
// rules would still receive every message. The emulator has no such rule, so where Config.json declares
// rules (and no '$Default' of its own), '$Default' is replaced by a filter that matches nothing.
var matchNothingRuleName = '$Default'
var matchNothing = { filterType: 'SqlFilter', sqlFilter: { sqlExpression: '1=0' } }

@export()
var rules = flatten(flatten(map(namespaceConfig.?Topics ?? [], topic =>
  map(topic.?Subscriptions ?? [], subscription =>
    concat(
      map(subscription.?Rules ?? [], rule => {
        topic: topic.Name
        subscription: subscription.Name
        name: rule.Name
        properties: ruleProperties(rule.Properties)
      }),
      empty(subscription.?Rules ?? []) || contains(map(subscription.Rules, rule => rule.Name), matchNothingRuleName)
        ? []
        : [{ topic: topic.Name, subscription: subscription.Name, name: matchNothingRuleName, properties: matchNothing }]
    )))))
