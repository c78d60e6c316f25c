// CloudMessaging in Azure: the api and workers container apps on Service Bus (the entities of the local
// Config.json), Blob Storage for claim checks and Azure Managed Redis, reached with managed identities.
// Deployed by `azd up` (see docs/deploy.md).
targetScope = 'resourceGroup'

import { plainQueues, forwardingQueues, topics, subscriptions, rules } from 'servicebus-topology.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of every resource name.')
param environmentName string

@description('Region of every resource.')
param location string = resourceGroup().location

@description('True once azd has deployed an api image; a re-provision then keeps it instead of the placeholder.')
param apiExists bool = false

@description('True once azd has deployed a workers image.')
param workersExists bool = false

@minValue(0)
@maxValue(30)
@description('Replicas that always run. Sessions, topic subscriptions and the saga have no scale rule, so one replica stays up to serve them.')
param workersMinReplicas int = 1

@minValue(1)
@maxValue(30)
param workersMaxReplicas int = 10

@description('Active messages per replica at which KEDA adds another workers replica.')
param messagesPerReplica int = 20

@minValue(1)
@description('Days a claim-check blob may live; the sweeper deletes blobs sooner once their message is handled.')
param claimCheckRetentionDays int = 7

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var claimCheckContainerName = 'claim-checks'
var redisPort = 10000
// Until azd has pushed an image, the apps run a public placeholder that listens on 8080 like ours.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'

// The queues with the most traffic; KEDA scales the workers on their active message counts.
var scaledQueues = ['jobs', 'work', 'documents', 'tasks-high', 'tasks-normal', 'tasks-low']

var roles = {
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

// ---- Monitoring and hosting -------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: 'log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'cr${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
  }
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'cae-${resourceToken}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
  }
}

// ---- Identities -------------------------------------------------------------------------------------------

@description('The identity both apps use for Service Bus, Blob Storage and pulling images.')
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-app-${resourceToken}'
  location: location
  tags: tags
}

@description('The KEDA scaler reads queue lengths, which takes Data Owner: an identity of its own, never given to a container.')
resource scalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-scaler-${resourceToken}'
  location: location
  tags: tags
}

// ---- Service Bus ------------------------------------------------------------------------------------------

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: 'sb-${resourceToken}'
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

// ---- Blob Storage for claim checks ------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource claimChecks 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: claimCheckContainerName
  properties: { publicAccess: 'None' }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-claim-checks'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${claimCheckContainerName}/']
            }
            actions: {
              baseBlob: {
                delete: { daysAfterCreationGreaterThan: claimCheckRetentionDays }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [claimChecks]
}

// ---- Azure Managed Redis ----------------------------------------------------------------------------------

resource redis 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: 'redis-${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Balanced_B0' }
  properties: {
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource redisDatabase 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {
  parent: redis
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: redisPort
    clusteringPolicy: 'EnterpriseCluster'
    evictionPolicy: 'VolatileLRU'
    // The apps authenticate with the access key: Entra token refresh for Redis needs a package this project does not use.
    accessKeysAuthentication: 'Enabled'
  }
}

// ---- Role assignments (least privilege) -------------------------------------------------------------------

resource appSendsToServiceBus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: serviceBus
  name: guid(serviceBus.id, appIdentity.id, roles.serviceBusDataSender)
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

resource appReceivesFromServiceBus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: serviceBus
  name: guid(serviceBus.id, appIdentity.id, roles.serviceBusDataReceiver)
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
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

// Scoped to the claim-checks container, not the account: the apps touch no other blobs.
resource appUsesClaimChecks 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: claimChecks
  name: guid(claimChecks.id, appIdentity.id, roles.storageBlobDataContributor)
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource appPullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, appIdentity.id, roles.acrPull)
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

// ---- Container apps ---------------------------------------------------------------------------------------

var redisSecretName = 'redis-connection-string'

var appSecrets = [
  {
    name: redisSecretName
    value: '${redis.properties.hostName}:${redisPort},password=${redisDatabase.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
]

var appEnvironment = [
  { name: 'Azure__ServiceBus__FullyQualifiedNamespace', value: '${serviceBus.name}.servicebus.windows.net' }
  { name: 'Azure__Blobs__ServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'ConnectionStrings__redis', secretRef: redisSecretName }
  { name: 'AZURE_CLIENT_ID', value: appIdentity.properties.clientId }
  { name: 'AZURE_TOKEN_CREDENTIALS', value: 'ManagedIdentityCredential' }
]

var registries = [{ server: registry.properties.loginServer, identity: appIdentity.id }]

resource existingApi 'Microsoft.App/containerApps@2025-07-01' existing = if (apiExists) {
  name: 'api-${resourceToken}'
}

resource existingWorkers 'Microsoft.App/containerApps@2025-07-01' existing = if (workersExists) {
  name: 'workers-${resourceToken}'
}

resource api 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'api-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${appIdentity.id}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: registries
      secrets: appSecrets
    }
    template: {
      containers: [
        {
          name: 'api'
          image: apiExists ? existingApi!.properties.template.containers[0].image : placeholderImage
          env: appEnvironment
          resources: { cpu: json('0.5'), memory: '1Gi' }
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 5
      }
    }
  }
  dependsOn: [appPullsImages, appSendsToServiceBus, appReceivesFromServiceBus, appUsesClaimChecks]
}

resource workers 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'workers-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'workers' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
      '${scalerIdentity.id}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: registries
      secrets: appSecrets
      identitySettings: [
        // Only the platform (the KEDA scaler) may use this identity; containers cannot request its tokens.
        { identity: scalerIdentity.id, lifecycle: 'None' }
        { identity: appIdentity.id, lifecycle: 'All' }
      ]
    }
    template: {
      containers: [
        {
          name: 'workers'
          image: workersExists ? existingWorkers!.properties.template.containers[0].image : placeholderImage
          env: appEnvironment
          resources: { cpu: json('0.5'), memory: '1Gi' }
        }
      ]
      scale: {
        minReplicas: workersMinReplicas
        maxReplicas: workersMaxReplicas
        rules: [
          for queue in scaledQueues: {
            name: 'queue-${queue}'
            custom: {
              type: 'azure-servicebus'
              identity: scalerIdentity.id
              metadata: {
                namespace: serviceBus.name
                queueName: queue
                messageCount: string(messagesPerReplica)
              }
            }
          }
        ]
      }
    }
  }
  dependsOn: [appPullsImages, appSendsToServiceBus, appReceivesFromServiceBus, appUsesClaimChecks, scalerReadsQueueLengths, plainQueue]
}

// ---- Outputs read by azd ----------------------------------------------------------------------------------

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = environment.id
output SERVICE_API_NAME string = api.name
output SERVICE_API_ENDPOINT_URL string = 'https://${api.properties.configuration.ingress.fqdn}'
output SERVICE_WORKERS_NAME string = workers.name
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.properties.primaryEndpoints.blob
output AZURE_REDIS_HOST string = redis.properties.hostName
