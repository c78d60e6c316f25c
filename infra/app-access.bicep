// What every app identity needs besides Service Bus: pulling its image and the claim-check blobs, each at the
// narrowest scope (the registry, the one container; never the storage account).
targetScope = 'resourceGroup'

@description('The user-assigned managed identity of one app.')
param identityName string

param registryName string

param storageAccountName string

param claimCheckContainerName string

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: registryName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource claimChecks 'containers' existing = {
      name: claimCheckContainerName
    }
  }
}

resource usesClaimChecks 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage::blobService::claimChecks
  name: guid(storage::blobService::claimChecks.id, identity.id, roles.storageBlobDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource pullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identity.id, roles.acrPull)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}
