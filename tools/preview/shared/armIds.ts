/** ARM ids and physical names for azure-native resources, the way Azure would assign them (pure, deterministic). */
import { createHash } from "crypto";
import { v5 as uuidv5 } from "uuid";

/** The fake subscription and tenant every offline preview runs against, and the identity `getClientConfig` reports. */
export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const TENANT_ID = "11111111-1111-1111-1111-111111111111";
export const CLIENT_ID = "22222222-2222-2222-2222-222222222222";
export const CLIENT_OBJECT_ID = "33333333-3333-3333-3333-333333333333";
export const DEFAULT_LOCATION = "westeurope";

/** A deterministic GUID for any string (usually a URN plus a purpose); the namespace is fixed so previews agree. */
export const fakeGuid = (seed: string): string => uuidv5(seed, "6f1c4d52-8a57-4f0e-9d0b-3c1f1b7a9e21");

export const hashHex = (seed: string, n: number): string => createHash("sha256").update(seed).digest("hex").slice(0, n);

const RG = "/subscriptions/{sub}/resourceGroups/{resourceGroupName}";

/** ARM ids by `module:Type`: `~` is the group's `…/providers/`, `{input}` an input, the last one the name's (`a|b`; `!`: a GUID). */
const ARM_IDS: Record<string, string> = {
  "resources:ResourceGroup": RG,
  "storage:StorageAccount": "~Microsoft.Storage/storageAccounts/{accountName}",
  "storage:BlobContainer": "~Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{containerName}",
  "storage:FileShare": "~Microsoft.Storage/storageAccounts/{accountName}/fileServices/default/shares/{shareName}",
  "keyvault:Vault": "~Microsoft.KeyVault/vaults/{vaultName}",
  "keyvault:Secret": "~Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}",
  "containerregistry:Registry": "~Microsoft.ContainerRegistry/registries/{registryName}",
  "operationalinsights:Workspace": "~Microsoft.OperationalInsights/workspaces/{workspaceName}",
  "applicationinsights:Component": "~Microsoft.Insights/components/{resourceName}",
  "machinelearningservices:Workspace": "~Microsoft.MachineLearningServices/workspaces/{workspaceName}",
  "machinelearningservices:Datastore": "~Microsoft.MachineLearningServices/workspaces/{workspaceName}/datastores/{name}",
  "machinelearningservices:Compute": "~Microsoft.MachineLearningServices/workspaces/{workspaceName}/computes/{computeName}",
  "machinelearningservices:WorkspaceConnection":
    "~Microsoft.MachineLearningServices/workspaces/{workspaceName}/connections/{connectionName}",
  "managedidentity:UserAssignedIdentity": "~Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
  "authorization:RoleAssignment": "{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName!}",
  "authorization:RoleDefinition": "{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId!}",
  "authorization:ManagementLockByScope": "{scope}/providers/Microsoft.Authorization/locks/{lockName}",
  "authorization:ManagementLockAtResourceGroupLevel": "~Microsoft.Authorization/locks/{lockName}",
  "authorization:ManagementLockAtResourceLevel":
    "~{resourceProviderNamespace}/{parentResourcePath}/{resourceType}/{resourceName}/providers/Microsoft.Authorization/locks/{lockName}",
  "monitor:DiagnosticSetting": "{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
  "consumption:Budget": "{scope}/providers/Microsoft.Consumption/budgets/{budgetName}",
};

/** Resource provider namespaces whose casing the module name does not give (matched case-insensitively), then by module. */
const NAMESPACES =
  "CognitiveServices ContainerRegistry ContainerService DocumentDB KeyVault MachineLearningServices ManagedIdentity OperationalInsights";
const MODULE_NAMESPACES: Record<string, string> = { applicationinsights: "Insights", monitor: "Insights", privatedns: "Network" };

/** The id shape of a type the table does not know: `Microsoft.<Module>/<type>s/<name>`, where its inputs place it. */
function derivedShape(module: string, type: string, inputs: Record<string, unknown>): string {
  const namespace =
    MODULE_NAMESPACES[module] ??
    NAMESPACES.split(" ").find((n) => n.toLowerCase() === module) ??
    module.charAt(0).toUpperCase() + module.slice(1);
  const plural = type.charAt(0).toLowerCase() + type.slice(1);
  const tail = `Microsoft.${namespace}/${plural}s/{${plural}Name|resourceName|name}`;
  if (typeof inputs.resourceGroupName === "string") return `~${tail}`;
  return typeof inputs.scope === "string" ? `{scope}/providers/${tail}` : `/subscriptions/{sub}/providers/${tail}`;
}

/**
 * An azure-native resource's ARM id, physical name (the name input, else Pulumi's autoname `<logical>-<7 hex of the
 * URN hash>` or a GUID), ARM type, and whether it has a location (a resource group or in one).
 */
export function armNaming(token: string, logicalName: string, urn: string, inputs: Record<string, unknown>) {
  const [module, type] = token.split(":");
  const shape = (ARM_IDS[token] ?? derivedShape(module, type, inputs)).replace(/^~/, `${RG}/providers/`);
  const slot = shape.lastIndexOf("{");
  const nameInputs = shape.slice(slot + 1).match(/\w+/g) ?? [];
  const explicit = nameInputs.map((key) => inputs[key]).find((v): v is string => typeof v === "string" && v !== "");
  const name = explicit ?? (shape.endsWith("!}") ? fakeGuid(urn) : `${logicalName}-${hashHex(urn, 7)}`);
  const parent = shape.slice(0, slot).replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = key === "sub" ? SUBSCRIPTION_ID : inputs[key];
    return typeof value === "string" ? value : "";
  });
  const id = `${parent}${name}`.replace(/\/{2,}/g, "/");
  // The type segments of the id: `Microsoft.Storage/storageAccounts/x/blobServices/default/containers/c` → `…/blobServices/containers`.
  const providers = id.slice(id.lastIndexOf("/providers/") + "/providers/".length).split("/");
  const armType = shape === RG ? "Microsoft.Resources/resourceGroups" : providers.filter((_, i) => i === 0 || i % 2 === 1).join("/");
  return { id, name, armType, hasLocation: shape.startsWith(RG) };
}

/** Key for matching ARM ids: case-insensitive and independent of the subscription (lookups may name a real one). */
export function armLookupKey(id: string): string {
  return id.toLowerCase().replace(/^\/subscriptions\/[^/]+|\/+$/g, "");
}
