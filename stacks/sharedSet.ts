import { SharedResources } from "../components";
import { SharedConfig } from "./config";
import { azureNameOf } from "./renames";
import { SHARED_OUTPUTS } from "./sharedInputs";
import { Context, resourceGroup, rgIdOf, tagsFor } from "./programContext";

/** The `shared` entry: the associated set other stacks' workspaces use; returns the stack outputs they read. */
export function buildShared(ctx: Context, shared: SharedConfig): Record<string, unknown> {
  const tags = tagsFor(ctx);
  const rgName = resourceGroup(ctx, shared, tags);
  const set = new SharedResources(shared.name, {
    resourceGroupName: rgName,
    location: ctx.location,
    baseName: azureNameOf(shared),
    nameSuffix: ctx.suffix,
    tenantId: ctx.tenantId,
    tags,
    storage: shared.storage,
    keyVault: shared.keyVault,
    monitoring: shared.monitoring,
    containerRegistry: shared.containerRegistry,
    locks: shared.locks,
    protect: shared.protect,
  });
  ctx.sharedScopes = {
    storage: set.storageAccountId,
    keyVault: set.keyVaultId,
    containerRegistry: set.containerRegistryId,
    applicationInsights: set.applicationInsightsId,
    resourceGroup: rgIdOf(ctx, rgName),
  };
  // Consumers read these by StackReference.
  return {
    resourceGroupName: rgName,
    location: ctx.location,
    [SHARED_OUTPUTS.storageAccount]: set.storageAccountId,
    [SHARED_OUTPUTS.keyVault]: set.keyVaultId,
    [SHARED_OUTPUTS.applicationInsights]: set.applicationInsightsId,
    [SHARED_OUTPUTS.containerRegistry]: set.containerRegistryId,
    [SHARED_OUTPUTS.logAnalyticsWorkspace]: set.logAnalyticsWorkspaceId,
  };
}
