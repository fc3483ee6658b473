/** ARM resource ids: parsing and validation for the resource types this package takes by id. */

export interface ArmId {
  subscriptionId: string;
  resourceGroupName: string;
  provider: string;
  resourceType: string;
  name: string;
}

export const ARM_TYPES = {
  storageAccount: "Microsoft.Storage/storageAccounts",
  keyVault: "Microsoft.KeyVault/vaults",
  applicationInsights: "Microsoft.Insights/components",
  containerRegistry: "Microsoft.ContainerRegistry/registries",
  logAnalyticsWorkspace: "Microsoft.OperationalInsights/workspaces",
  workspace: "Microsoft.MachineLearningServices/workspaces",
  userAssignedIdentity: "Microsoft.ManagedIdentity/userAssignedIdentities",
} as const;

export type ArmTypeKey = keyof typeof ARM_TYPES;

/** A GUID (subscription, tenant, object and role definition ids): 8-4-4-4-12 hex digits of either case. */
export const GUID_TEXT = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
export const GUID_PATTERN = new RegExp(`^${GUID_TEXT}$`);
const GUID = GUID_TEXT;
const ID_PATTERN = new RegExp(
  `^/subscriptions/(${GUID})/resourceGroups/([-\\w.()]{1,90})/providers/([A-Za-z.]+)/([A-Za-z]+)/([^/]+)$`,
  "i",
);

/** Parses a top-level resource id; undefined when the string is not one. */
export function parseArmId(id: string): ArmId | undefined {
  const m = ID_PATTERN.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1], resourceGroupName: m[2], provider: m[3], resourceType: m[4], name: m[5] };
}

/** Whether `id` is a well-formed id of the given resource type (ARM compares types case-insensitively). */
export function isArmIdOf(id: string, type: ArmTypeKey): boolean {
  const parsed = parseArmId(id);
  return parsed !== undefined && `${parsed.provider}/${parsed.resourceType}`.toLowerCase() === ARM_TYPES[type].toLowerCase();
}

export function armIdRule(type: ArmTypeKey): string {
  return `must be an ARM id of the form /subscriptions/<guid>/resourceGroups/<name>/providers/${ARM_TYPES[type]}/<name>`;
}

const RESOURCE_GROUP_ID_PATTERN = new RegExp(`^/subscriptions/${GUID}/resourceGroups/[-\\w.()]{0,89}[-\\w()]$`, "i");

/** `/subscriptions/<sub>/resourceGroups/<name>`: the form `workspaceHubConfig.defaultWorkspaceResourceGroup` takes. */
export function resourceGroupId(subscriptionId: string, resourceGroupName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`;
}

export function isResourceGroupId(id: string): boolean {
  return RESOURCE_GROUP_ID_PATTERN.test(id);
}
