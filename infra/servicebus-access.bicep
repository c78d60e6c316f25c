// Grants one identity one Service Bus data role on the named entities only, never on the namespace, so an app can
// send or receive exactly where its code does. A module, because role assignment names must be known when the
// deployment starts, and the identity's name is (its principal id is not).
targetScope = 'resourceGroup'

@description('The Service Bus namespace that holds the entities.')
param namespaceName string

@description('The user-assigned managed identity that gets the role.')
param identityName string

@description('The role definition (a GUID): Azure Service Bus Data Sender or Data Receiver.')
param roleDefinitionId string

@description('Queue names.')
param queues string[] = []

@description('Topic names.')
param topics string[] = []

@description('Subscriptions as { topic, name }.')
param subscriptions object[] = []

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: namespaceName
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' existing = [
  for name in queues: {
    parent: serviceBus
    name: name
  }
]

resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' existing = [
  for name in topics: {
    parent: serviceBus
    name: name
  }
]

resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' existing = [
  for item in subscriptions: {
    #disable-next-line use-parent-property
    name: '${namespaceName}/${item.topic}/${item.name}'
  }
]

var role = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)

resource onQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in queues: {
    scope: queue[i]
    name: guid(queue[i].id, identity.id, roleDefinitionId)
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: role
    }
  }
]

resource onTopic 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in topics: {
    scope: topic[i]
    name: guid(topic[i].id, identity.id, roleDefinitionId)
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: role
    }
  }
]

resource onSubscription 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (item, i) in subscriptions: {
    scope: subscription[i]
    name: guid(subscription[i].id, identity.id, roleDefinitionId)
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: role
    }
  }
]
