/** Ids of a precreated associated set, for component tests of workspaces that use one. */
const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ml-shared/providers";
export const SHARED_IDS = {
  storageAccountId: `${RG}/Microsoft.Storage/storageAccounts/stshared123`,
  keyVaultId: `${RG}/Microsoft.KeyVault/vaults/kv-shared-123`,
  applicationInsightsId: `${RG}/Microsoft.Insights/components/appi-shared`,
  logAnalyticsWorkspaceId: `${RG}/Microsoft.OperationalInsights/workspaces/log-shared`,
};
