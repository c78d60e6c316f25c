// CloudMessaging in Azure: the api and workers container apps on Service Bus (the entities of the local
// Config.json), Blob Storage for claim checks and Azure Managed Redis, reached with managed identities.
// Deployed by `azd up` (see docs/deploy.md).
targetScope = 'resourceGroup'


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

@minLength(1)
@description('The API\'s Entra ID app registration: its application (client) ID or app ID URI, the audience of the tokens it accepts (azd env set AZURE_API_AUDIENCE).')
param apiAudience string

@description('The Entra ID tenant whose tokens the API accepts; empty means the tenant of this deployment (azd env set AZURE_API_TENANT_ID).')
param apiTenantId string = ''

@minValue(1)
@description('Days a claim-check blob may live; the sweeper deletes blobs sooner once their message is handled.')
param claimCheckRetentionDays int = 7

var tokenTenantId = empty(apiTenantId) ? tenant().tenantId : apiTenantId
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var claimCheckContainerName = 'claim-checks'
var redisPort = 10000
// Until azd has pushed an image, the apps run a public placeholder that listens on 8080 like ours.
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'

// The queues with the most traffic; KEDA scales the workers on their active message counts.
var scaledQueues = ['jobs', 'work', 'documents', 'tasks-high', 'tasks-normal', 'tasks-low']


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

// One identity per app, so each holds only the rights its own code uses.
@description('The API\'s identity: sends where it sends, receives where it peeks, replays or manages rules.')
resource apiIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-api-${resourceToken}'
  location: location
  tags: tags
}

@description('The workers\' identity: receives from the entities they consume, sends to the ones they reply and command on.')
resource workersIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-workers-${resourceToken}'
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

var serviceBusName = 'sb-${resourceToken}'

module serviceBus 'servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: serviceBusName
    location: location
    tags: tags
    apiIdentityName: apiIdentity.name
    workersIdentityName: workersIdentity.name
    scalerIdentityName: scalerIdentity.name
  }
}

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
    // Idempotency records must never be evicted under memory pressure, or a redelivered item is applied twice.
    evictionPolicy: 'NoEviction'
    // The apps authenticate with the access key: Entra token refresh for Redis needs a package this project does not use.
    accessKeysAuthentication: 'Enabled'
  }
}

// ---- Role assignments (least privilege) -------------------------------------------------------------------

module apiAccess 'app-access.bicep' = {
  name: 'api-access'
  params: {
    identityName: apiIdentity.name
    registryName: registry.name
    storageAccountName: storage.name
    claimCheckContainerName: claimCheckContainerName
  }
  dependsOn: [claimChecks]
}

module workersAccess 'app-access.bicep' = {
  name: 'workers-access'
  params: {
    identityName: workersIdentity.name
    registryName: registry.name
    storageAccountName: storage.name
    claimCheckContainerName: claimCheckContainerName
  }
  dependsOn: [claimChecks]
}

// ---- Container apps ---------------------------------------------------------------------------------------

var redisSecretName = 'redis-connection-string'

var appSecrets = [
  {
    name: redisSecretName
    value: '${redis.properties.hostName}:${redisPort},password=${redisDatabase.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
]

var sharedEnvironment = [
  { name: 'Azure__ServiceBus__FullyQualifiedNamespace', value: '${serviceBusName}.servicebus.windows.net' }
  { name: 'Azure__Blobs__ServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'ConnectionStrings__redis', secretRef: redisSecretName }
  { name: 'AZURE_TOKEN_CREDENTIALS', value: 'ManagedIdentityCredential' }
]

// Deployed, the API takes Entra ID tokens only and refuses every fault switch.
var apiEnvironment = concat(sharedEnvironment, [
  { name: 'AZURE_CLIENT_ID', value: apiIdentity.properties.clientId }
  { name: 'Security__RequireAuthentication', value: 'true' }
  { name: 'Security__TenantId', value: tokenTenantId }
  { name: 'Security__Authority', value: '${az.environment().authentication.loginEndpoint}${tokenTenantId}/v2.0' }
  { name: 'Security__Audience', value: apiAudience }
  { name: 'Demo__FaultInjection', value: 'false' }
])

var workersEnvironment = concat(sharedEnvironment, [
  { name: 'AZURE_CLIENT_ID', value: workersIdentity.properties.clientId }
])

// Liveness restarts a replica that stopped answering; readiness holds traffic back until its dependencies answer.
var probes = [
  { type: 'Liveness', httpGet: { path: '/alive', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 }
  { type: 'Readiness', httpGet: { path: '/health', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 }
]
// The placeholder image has neither path: until our image runs, the probes only check the port.
var placeholderProbes = [
  { type: 'Liveness', tcpSocket: { port: 8080 }, periodSeconds: 10 }
  { type: 'Readiness', tcpSocket: { port: 8080 }, periodSeconds: 10 }
]

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
    userAssignedIdentities: { '${apiIdentity.id}': {} }
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
      registries: [{ server: registry.properties.loginServer, identity: apiIdentity.id }]
      secrets: appSecrets
    }
    template: {
      containers: [
        {
          name: 'api'
          image: apiExists ? existingApi!.properties.template.containers[0].image : placeholderImage
          env: apiEnvironment
          probes: apiExists ? probes : placeholderProbes
          resources: { cpu: json('0.5'), memory: '1Gi' }
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 5
      }
    }
  }
  dependsOn: [apiAccess, serviceBus]
}

resource workers 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'workers-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'workers' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${workersIdentity.id}': {}
      '${scalerIdentity.id}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [{ server: registry.properties.loginServer, identity: workersIdentity.id }]
      secrets: appSecrets
      identitySettings: [
        // Only the platform (the KEDA scaler) may use this identity; containers cannot request its tokens.
        { identity: scalerIdentity.id, lifecycle: 'None' }
        { identity: workersIdentity.id, lifecycle: 'All' }
      ]
    }
    template: {
      containers: [
        {
          name: 'workers'
          image: workersExists ? existingWorkers!.properties.template.containers[0].image : placeholderImage
          env: workersEnvironment
          probes: workersExists ? probes : placeholderProbes
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
                namespace: serviceBusName
                queueName: queue
                messageCount: string(messagesPerReplica)
              }
            }
          }
        ]
      }
    }
  }
  dependsOn: [workersAccess, serviceBus]
}

// ---- Outputs read by azd ----------------------------------------------------------------------------------

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = environment.id
output SERVICE_API_NAME string = api.name
output SERVICE_API_ENDPOINT_URL string = 'https://${api.properties.configuration.ingress.fqdn}'
output SERVICE_WORKERS_NAME string = workers.name
output AZURE_SERVICEBUS_NAMESPACE string = serviceBusName
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.properties.primaryEndpoints.blob
output AZURE_REDIS_HOST string = redis.properties.hostName
