// The Service Bus namespace with every entity of Config.json, and each identity's data roles on it: the apps' on
// the entities their code uses (servicebus-access.bicep), the KEDA scaler's Data Owner on the namespace.
targetScope = 'resourceGroup'

import { plainQueues, forwardingQueues, topics, subscriptions, rules } from 'servicebus-topology.bicep'

param name string

param location string

param tags object

param apiIdentityName string

param workersIdentityName string

param scalerIdentityName string

var roles = {
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
}

resource scalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: scalerIdentityName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource plainQueue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for queue in plainQueues: {
    parent: serviceBus
    name: queue.name
    properties: queue.properties
  }
]

resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = [
  for item in topics: {
    parent: serviceBus
    name: item.name
    properties: item.properties
  }
]

resource forwardingQueue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for queue in forwardingQueues: {
    parent: serviceBus
    name: queue.name
    properties: queue.properties
    dependsOn: [plainQueue, topic]
  }
]

resource topicSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = [
  for item in subscriptions: {
    #disable-next-line use-parent-property
    name: '${serviceBus.name}/${item.topic}/${item.name}'
    properties: item.properties
    dependsOn: [topic, plainQueue, forwardingQueue]
  }
]

resource subscriptionRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2026-01-01' = [
  for item in rules: {
    #disable-next-line use-parent-property
    name: '${serviceBus.name}/${item.topic}/${item.subscription}/${item.name}'
    properties: item.properties
    dependsOn: [topicSubscription]
  }
]


var queueNames = map(concat(plainQueues, forwardingQueues), queue => queue.name)
var subscriptionNames = map(subscriptions, item => { topic: item.topic, name: item.name })

// The API's dead-letter endpoints peek and replay every queue and subscription (a replay sends back to the source),
// quotes wait on their reply session, the rules endpoints manage subscriptions' rules over AMQP (Listen suffices).
var apiSends = { queues: queueNames, topics: ['orders'] }
var apiReceives = { queues: queueNames, subscriptions: subscriptionNames }
// The workers consume every queue but the replies; they reply, command the saga's participants, escalate tasks
// upwards and publish order events.
var workersReceives = { queues: filter(queueNames, name => name != 'replies'), subscriptions: subscriptionNames }
var workersSends = { queues: ['replies', 'saga', 'inventory', 'payment', 'shipping-commands', 'tasks-high', 'tasks-normal'], topics: ['orders'] }

module apiSendsToServiceBus 'servicebus-access.bicep' = {
  name: 'api-sends'
  params: {
    namespaceName: serviceBus.name
    identityName: apiIdentityName
    roleDefinitionId: roles.serviceBusDataSender
    queues: apiSends.queues
    topics: apiSends.topics
  }
  dependsOn: [plainQueue, forwardingQueue, topic]
}

module apiReceivesFromServiceBus 'servicebus-access.bicep' = {
  name: 'api-receives'
  params: {
    namespaceName: serviceBus.name
    identityName: apiIdentityName
    roleDefinitionId: roles.serviceBusDataReceiver
    queues: apiReceives.queues
    subscriptions: apiReceives.subscriptions
  }
  dependsOn: [plainQueue, forwardingQueue, topicSubscription]
}

module workersSendToServiceBus 'servicebus-access.bicep' = {
  name: 'workers-send'
  params: {
    namespaceName: serviceBus.name
    identityName: workersIdentityName
    roleDefinitionId: roles.serviceBusDataSender
    queues: workersSends.queues
    topics: workersSends.topics
  }
  dependsOn: [plainQueue, forwardingQueue, topic]
}

module workersReceiveFromServiceBus 'servicebus-access.bicep' = {
  name: 'workers-receive'
  params: {
    namespaceName: serviceBus.name
    identityName: workersIdentityName
    roleDefinitionId: roles.serviceBusDataReceiver
    queues: workersReceives.queues
    subscriptions: workersReceives.subscriptions
  }
  dependsOn: [plainQueue, forwardingQueue, topicSubscription]
}

resource scalerReadsQueueLengths 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: serviceBus
  name: guid(serviceBus.id, scalerIdentity.id, roles.serviceBusDataOwner)
  properties: {
    principalId: scalerIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
  }
}
