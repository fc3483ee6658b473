/**
 * ARM ids and physical names for azure-native resources, the way Azure would assign them (pure, deterministic).
 */
import { createHash } from "crypto";
import { v5 as uuidv5 } from "uuid";

/** The fake subscription and tenant every offline preview runs against. */
export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const TENANT_ID = "11111111-1111-1111-1111-111111111111";
/** The identity `getClientConfig` reports (the service principal running the preview). */
export const CLIENT_ID = "22222222-2222-2222-2222-222222222222";
export const CLIENT_OBJECT_ID = "33333333-3333-3333-3333-333333333333";
export const DEFAULT_LOCATION = "westeurope";

/** Namespace for every uuid v5 the fakes derive (fixed so two previews agree). */
const FAKE_UUID_NAMESPACE = "6f1c4d52-8a57-4f0e-9d0b-3c1f1b7a9e21";

/** A deterministic GUID for any string (usually a URN plus a purpose suffix). */
export function fakeGuid(seed: string): string {
  return uuidv5(seed, FAKE_UUID_NAMESPACE);
}

/** `n` hex characters of the SHA-256 of `seed`. */
export function hashHex(seed: string, n: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, n);
}

interface ArmSpec {
  /** `{sub}`, `{name}` (the physical name) and `{<input>}` placeholders; `{rg}` is the resource group prefix. */
  template: string;
  /** Inputs that carry the physical name, first one set wins. */
  nameInputs: string[];
  /** Azure requires a GUID name (role assignments and definitions). */
  guidName?: boolean;
}

const RG = "/subscriptions/{sub}/resourceGroups/{resourceGroupName}/providers/";

/** Known azure-native tokens (module:Type, without the package and API-version suffix). */
const ARM_SPECS: Record<string, ArmSpec> = {
  "resources:ResourceGroup": { template: "/subscriptions/{sub}/resourceGroups/{name}", nameInputs: ["resourceGroupName"] },
  "storage:StorageAccount": { template: `${RG}Microsoft.Storage/storageAccounts/{name}`, nameInputs: ["accountName"] },
  "storage:BlobContainer": {
    template: `${RG}Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{name}`,
    nameInputs: ["containerName"],
  },
  "storage:FileShare": {
    template: `${RG}Microsoft.Storage/storageAccounts/{accountName}/fileServices/default/shares/{name}`,
    nameInputs: ["shareName"],
  },
  "keyvault:Vault": { template: `${RG}Microsoft.KeyVault/vaults/{name}`, nameInputs: ["vaultName"] },
  "keyvault:Secret": { template: `${RG}Microsoft.KeyVault/vaults/{vaultName}/secrets/{name}`, nameInputs: ["secretName"] },
  "containerregistry:Registry": { template: `${RG}Microsoft.ContainerRegistry/registries/{name}`, nameInputs: ["registryName"] },
  "operationalinsights:Workspace": {
    template: `${RG}Microsoft.OperationalInsights/workspaces/{name}`,
    nameInputs: ["workspaceName"],
  },
  "applicationinsights:Component": { template: `${RG}Microsoft.Insights/components/{name}`, nameInputs: ["resourceName"] },
  "machinelearningservices:Workspace": {
    template: `${RG}Microsoft.MachineLearningServices/workspaces/{name}`,
    nameInputs: ["workspaceName"],
  },
  "machinelearningservices:Datastore": {
    template: `${RG}Microsoft.MachineLearningServices/workspaces/{workspaceName}/datastores/{name}`,
    nameInputs: ["name"],
  },
  "machinelearningservices:Compute": {
    template: `${RG}Microsoft.MachineLearningServices/workspaces/{workspaceName}/computes/{name}`,
    nameInputs: ["computeName"],
  },
  "machinelearningservices:WorkspaceConnection": {
    template: `${RG}Microsoft.MachineLearningServices/workspaces/{workspaceName}/connections/{name}`,
    nameInputs: ["connectionName"],
  },
  "managedidentity:UserAssignedIdentity": {
    template: `${RG}Microsoft.ManagedIdentity/userAssignedIdentities/{name}`,
    nameInputs: ["resourceName"],
  },
  "authorization:RoleAssignment": {
    template: "{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
    nameInputs: ["roleAssignmentName"],
    guidName: true,
  },
  "authorization:RoleDefinition": {
    template: "{scope}/providers/Microsoft.Authorization/roleDefinitions/{name}",
    nameInputs: ["roleDefinitionId"],
    guidName: true,
  },
  "authorization:ManagementLockByScope": {
    template: "{scope}/providers/Microsoft.Authorization/locks/{name}",
    nameInputs: ["lockName"],
  },
  "authorization:ManagementLockAtResourceGroupLevel": {
    template: `${RG}Microsoft.Authorization/locks/{name}`,
    nameInputs: ["lockName"],
  },
  "authorization:ManagementLockAtResourceLevel": {
    template:
      `${RG}{resourceProviderNamespace}/{parentResourcePath}/{resourceType}/{resourceName}` +
      "/providers/Microsoft.Authorization/locks/{name}",
    nameInputs: ["lockName"],
  },
  "monitor:DiagnosticSetting": {
    template: "{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
    nameInputs: ["name"],
  },
  "consumption:Budget": { template: "{scope}/providers/Microsoft.Consumption/budgets/{name}", nameInputs: ["budgetName"] },
};

/** Resource provider namespaces whose casing cannot be derived from the module name. */
const MODULE_NAMESPACES: Record<string, string> = {
  applicationinsights: "Microsoft.Insights",
  authorization: "Microsoft.Authorization",
  cognitiveservices: "Microsoft.CognitiveServices",
  consumption: "Microsoft.Consumption",
  containerregistry: "Microsoft.ContainerRegistry",
  containerservice: "Microsoft.ContainerService",
  documentdb: "Microsoft.DocumentDB",
  insights: "Microsoft.Insights",
  keyvault: "Microsoft.KeyVault",
  machinelearningservices: "Microsoft.MachineLearningServices",
  managedidentity: "Microsoft.ManagedIdentity",
  monitor: "Microsoft.Insights",
  network: "Microsoft.Network",
  operationalinsights: "Microsoft.OperationalInsights",
  privatedns: "Microsoft.Network",
  resources: "Microsoft.Resources",
  storage: "Microsoft.Storage",
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `azure-native:storage/v20240101:StorageAccount` → `{ module: "storage", type: "StorageAccount" }`. */
export function parseAzureNativeToken(token: string): { module: string; type: string } | undefined {
  const [pkg, mod, type] = token.split(":");
  if (pkg !== "azure-native" || !mod || !type) return undefined;
  return { module: mod.split("/")[0], type };
}

/** The spec for a known token, or one derived from the token (`Microsoft.<Module>/<type>s/<name>`). */
function specFor(module: string, type: string, inputs: Record<string, unknown>): ArmSpec {
  const known = ARM_SPECS[`${module}:${type}`];
  if (known) return known;
  const namespace = MODULE_NAMESPACES[module] ?? `Microsoft.${upperFirst(module)}`;
  const tail = `${namespace}/${lowerFirst(type)}s/{name}`;
  const nameInputs = [`${lowerFirst(type)}Name`, "resourceName", "name"];
  if (typeof inputs.resourceGroupName === "string") return { template: `${RG}${tail}`, nameInputs };
  if (typeof inputs.scope === "string") return { template: `{scope}/providers/${tail}`, nameInputs };
  return { template: `/subscriptions/{sub}/providers/${tail}`, nameInputs };
}

export interface ArmResourceNaming {
  /** The ARM resource id. */
  id: string;
  /** The physical (Azure) name. */
  name: string;
  /** The ARM type, e.g. `Microsoft.Storage/storageAccounts`. */
  armType: string;
  /** Whether the resource is a resource group or lives in one (so it has a location). */
  hasLocation: boolean;
}

/**
 * Names and identifies an azure-native resource from its token, logical name, URN and inputs. The physical name is
 * the name input when set, else Pulumi-style autoname `<logical>-<7 hex of the URN hash>` (a GUID where Azure wants one).
 */
export function armNaming(
  module: string,
  type: string,
  logicalName: string,
  urn: string,
  inputs: Record<string, unknown>,
): ArmResourceNaming {
  const spec = specFor(module, type, inputs);
  const explicit = spec.nameInputs.map((key) => inputs[key]).find((v): v is string => typeof v === "string" && v !== "");
  const name = explicit ?? (spec.guidName ? fakeGuid(urn) : `${logicalName}-${hashHex(urn, 7)}`);
  const id = spec.template
    .replace(/\{(\w+)\}/g, (_, key: string) => {
      if (key === "sub") return SUBSCRIPTION_ID;
      if (key === "name") return name;
      const value = inputs[key];
      return typeof value === "string" ? value : "";
    })
    .replace(/\/{2,}/g, "/")
    .replace(/\/$/, "");
  return { id, name, armType: armTypeOf(id), hasLocation: spec.template.startsWith("/subscriptions/{sub}/resourceGroups/") };
}

/** `…/providers/Microsoft.Storage/storageAccounts/x/blobServices/default/containers/c` → `Microsoft.Storage/storageAccounts/blobServices/containers`. */
export function armTypeOf(id: string): string {
  const at = id.toLowerCase().lastIndexOf("/providers/");
  if (at < 0) return /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(id) ? "Microsoft.Resources/resourceGroups" : "";
  const parts = id.slice(at + "/providers/".length).split("/");
  const types = [parts[0]];
  for (let i = 1; i < parts.length; i += 2) types.push(parts[i]);
  return types.join("/");
}

/** Key for matching ARM ids: case-insensitive and independent of the subscription (lookups may name a real one). */
export function armLookupKey(id: string): string {
  return id
    .toLowerCase()
    .replace(/^\/subscriptions\/[^/]+/, "")
    .replace(/\/+$/, "");
}

/** The id `getStorageAccount` / `getResourceGroup` refer to. */
export function storageAccountId(resourceGroupName: string, accountName: string): string {
  return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${accountName}`;
}

export function resourceGroupId(resourceGroupName: string): string {
  return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${resourceGroupName}`;
}
