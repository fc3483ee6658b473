/**
 * Fake provider behaviour for the offline preview: plausible computed outputs for new resources and answers for
 * invokes. Pure and deterministic (no randomness, no clock): every value derives from URNs and inputs.
 */
import {
  armLookupKey,
  armNaming,
  CLIENT_ID,
  CLIENT_OBJECT_ID,
  DEFAULT_LOCATION,
  fakeGuid,
  hashHex,
  parseAzureNativeToken,
  resourceGroupId,
  storageAccountId,
  SUBSCRIPTION_ID,
  TENANT_ID,
} from "../shared/armIds";
import { wireSecret } from "./wire";

export { SUBSCRIPTION_ID, TENANT_ID } from "../shared/armIds";

type Props = Record<string, unknown>;

export interface FakeResourceArgs {
  type: string;
  /** The logical name. */
  name: string;
  urn: string;
  /** Plain inputs (secrets unwrapped, unknowns absent). */
  inputs: Props;
  custom: boolean;
  /** Set for reads (`.get()`): the id the program asked for. */
  id?: string;
}

export interface FakeResourceResult {
  /** The id the provider assigns; undefined for components. */
  id: string | undefined;
  /** Inputs plus the outputs the provider would compute. */
  state: Props;
}

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/** What `pulumi up` would report for a new resource. */
export function fakeResource(args: FakeResourceArgs): FakeResourceResult {
  if (!args.custom) return { id: undefined, state: args.inputs };
  if (args.type.startsWith("pulumi:providers:")) return { id: args.id ?? fakeGuid(args.urn), state: args.inputs };
  const azureNative = parseAzureNativeToken(args.type);
  if (azureNative) return azureNativeResource(azureNative.module, azureNative.type, args);
  if (args.type === "azuread:index/group:Group") {
    const objectId = fakeGuid(`${args.urn}#objectId`);
    return { id: args.id ?? `/groups/${objectId}`, state: { ...args.inputs, objectId } };
  }
  if (args.type.startsWith("azuread:")) return { id: args.id ?? fakeGuid(args.urn), state: args.inputs };
  return { id: args.id ?? `${args.name}-${hashHex(args.urn, 7)}`, state: args.inputs };
}

function azureNativeResource(module: string, type: string, args: FakeResourceArgs): FakeResourceResult {
  const readName = args.id?.split("/").pop();
  const naming = armNaming(module, type, args.name, args.urn, readName ? { ...args.inputs, name: readName } : args.inputs);
  const id = args.id ?? naming.id;
  const computed: Props = { id, name: naming.name, type: naming.armType, provisioningState: "Succeeded" };
  if (naming.hasLocation) computed.location = args.inputs.location ?? DEFAULT_LOCATION;
  const identity = fakeIdentity(args.inputs.identity, args.urn);
  if (identity) computed.identity = identity;
  const location = String(computed.location ?? DEFAULT_LOCATION);
  Object.assign(computed, typeSpecificOutputs(`${module}:${type}`, naming.name, id, location, args));
  return { id, state: { ...args.inputs, ...computed } };
}

function typeSpecificOutputs(token: string, name: string, id: string, location: string, args: FakeResourceArgs): Props {
  const { inputs, urn } = args;
  switch (token) {
    case "storage:StorageAccount": {
      const sku = isObject(inputs.sku) ? inputs.sku : {};
      const tier = String(sku.name ?? "")
        .toLowerCase()
        .startsWith("premium")
        ? "Premium"
        : "Standard";
      return { sku: { ...sku, tier }, primaryEndpoints: storageEndpoints(name), primaryLocation: location, statusOfPrimary: "available" };
    }
    case "machinelearningservices:Workspace":
      return {
        workspaceId: fakeGuid(`${urn}#workspaceId`),
        discoveryUrl: `https://${location}.api.azureml.ms/discovery`,
        mlFlowTrackingUri: `azureml://${location}.api.azureml.ms/mlflow/v1.0${id}`,
      };
    case "keyvault:Vault":
      return { properties: { ...(isObject(inputs.properties) ? inputs.properties : {}), vaultUri: `https://${name}.vault.azure.net/` } };
    case "containerregistry:Registry":
      return { loginServer: `${name.toLowerCase()}.azurecr.io` };
    case "applicationinsights:Component": {
      const key = fakeGuid(`${urn}#instrumentationKey`);
      return {
        appId: fakeGuid(`${urn}#appId`),
        instrumentationKey: key,
        connectionString: `InstrumentationKey=${key};IngestionEndpoint=https://${location}-0.in.applicationinsights.azure.com/`,
      };
    }
    case "operationalinsights:Workspace":
      return { customerId: fakeGuid(`${urn}#customerId`) };
    case "managedidentity:UserAssignedIdentity":
      return { principalId: fakeGuid(`${urn}#principalId`), clientId: fakeGuid(`${urn}#clientId`), tenantId: TENANT_ID };
    default:
      return {};
  }
}

function storageEndpoints(accountName: string): Props {
  const endpoint = (service: string) => `https://${accountName}.${service}.core.windows.net/`;
  return {
    blob: endpoint("blob"),
    dfs: endpoint("dfs"),
    file: endpoint("file"),
    queue: endpoint("queue"),
    table: endpoint("table"),
    web: endpoint("web"),
  };
}

/** A requested managed identity gets its principal: system-assigned on the resource, user-assigned per identity id. */
export function fakeIdentity(identity: unknown, urn: string): Props | undefined {
  if (!isObject(identity)) return undefined;
  const type = String(identity.type ?? "");
  const out: Props = { ...identity };
  if (/SystemAssigned/i.test(type)) {
    out.principalId = fakeGuid(`${urn}#principalId`);
    out.tenantId = TENANT_ID;
  }
  const assigned = identity.userAssignedIdentities;
  const ids = Array.isArray(assigned) ? assigned.map(String) : isObject(assigned) ? Object.keys(assigned) : [];
  if (/UserAssigned/i.test(type) && ids.length > 0) {
    out.userAssignedIdentities = Object.fromEntries(
      ids.map((id) => [
        id,
        { principalId: fakeGuid(`${armLookupKey(id)}#principalId`), clientId: fakeGuid(`${armLookupKey(id)}#clientId`) },
      ]),
    );
  }
  return out;
}

export const INVOKE_GET_STORAGE_ACCOUNT = "azure-native:storage:getStorageAccount";
export const INVOKE_GET_RESOURCE_GROUP = "azure-native:resources:getResourceGroup";

/** An invoke that reads an existing resource: looked up in previewed stacks and `--lookups` before faking. */
export interface LookupTarget {
  /** The ARM id the invoke refers to. */
  id: string;
  /** A globally unique name to fall back on (storage account names are global). */
  globalName?: string;
}

export function lookupTarget(token: string, inputs: Props): LookupTarget | undefined {
  if (token === INVOKE_GET_STORAGE_ACCOUNT) {
    const accountName = String(inputs.accountName ?? "");
    return { id: storageAccountId(String(inputs.resourceGroupName ?? ""), accountName), globalName: accountName };
  }
  if (token === INVOKE_GET_RESOURCE_GROUP) return { id: resourceGroupId(String(inputs.resourceGroupName ?? "")) };
  return undefined;
}

/** A resource another stack registered, as the lookup invoke returns it. */
export interface RecordedTarget {
  type: string;
  name: string;
  urn: string;
  id?: string;
  inputs: Props;
}

export function lookupResultFromRecord(record: RecordedTarget): Props {
  const { id, state } = fakeResource({ type: record.type, name: record.name, urn: record.urn, inputs: record.inputs, custom: true });
  return { ...state, id: record.id ?? id };
}

/** A `--lookups` entry, over the plausible defaults. */
export function lookupResultFromProps(token: string, inputs: Props, props: Props): Props {
  return { ...fakeInvoke(token, inputs), ...props };
}

/** `azure-native:storage/v20230101:listStorageAccountKeys` answers as `azure-native:storage:listStorageAccountKeys`. */
function unversioned(token: string): string {
  const [pkg, mod, fn] = token.split(":");
  return pkg === "azure-native" && mod && fn ? `${pkg}:${mod.split("/")[0]}:${fn}` : token;
}

const clientConfig = { clientId: CLIENT_ID, objectId: CLIENT_OBJECT_ID, subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID };

/**
 * Answers an invoke; undefined for tokens without a fake, whose result the preview then reports as unknown (as the
 * engine does for an invoke it cannot answer in preview) with a warning naming the invoke.
 */
export function fakeInvoke(token: string, inputs: Props): Props | undefined {
  switch (unversioned(token)) {
    case "azure-native:authorization:getClientConfig":
      return { ...clientConfig };
    case "azure:core/getClientConfig:getClientConfig":
      return { ...clientConfig, id: CLIENT_OBJECT_ID };
    case INVOKE_GET_STORAGE_ACCOUNT:
      return plausibleStorageAccount(String(inputs.resourceGroupName ?? ""), String(inputs.accountName ?? ""));
    case INVOKE_GET_RESOURCE_GROUP: {
      const name = String(inputs.resourceGroupName ?? "");
      return {
        id: resourceGroupId(name),
        name,
        location: DEFAULT_LOCATION,
        type: "Microsoft.Resources/resourceGroups",
        properties: { provisioningState: "Succeeded" },
        tags: {},
      };
    }
    case "azure-native:storage:listStorageAccountKeys":
      return { keys: wireSecret(["key1", "key2"].map((keyName) => ({ keyName, value: fakeKey(inputs, keyName), permissions: "FULL" }))) };
    case "azure-native:operationalinsights:getSharedKeys":
      return { primarySharedKey: wireSecret(fakeKey(inputs, "primary")), secondarySharedKey: wireSecret(fakeKey(inputs, "secondary")) };
    case "azure-native:containerregistry:listRegistryCredentials":
      return {
        username: String(inputs.registryName ?? ""),
        passwords: wireSecret(["password", "password2"].map((name) => ({ name, value: fakeKey(inputs, name) }))),
      };
    case "azuread:index/getGroup:getGroup":
      return fakeGroup(inputs);
    default:
      return undefined;
  }
}

function plausibleStorageAccount(resourceGroupName: string, accountName: string): Props {
  return {
    id: storageAccountId(resourceGroupName, accountName),
    name: accountName,
    type: "Microsoft.Storage/storageAccounts",
    location: DEFAULT_LOCATION,
    kind: "StorageV2",
    sku: { name: "Standard_LRS", tier: "Standard" },
    isHnsEnabled: false,
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: "TLS1_2",
    allowBlobPublicAccess: false,
    primaryEndpoints: storageEndpoints(accountName),
    provisioningState: "Succeeded",
  };
}

/** Base64 of 64 hash bytes, derived from the invoke's inputs: looks like a real account or shared key, never is one. */
function fakeKey(inputs: Props, keyName: string): string {
  const seed = `${JSON.stringify(inputs)}/${keyName}`;
  return Buffer.from(hashHex(`${seed}#a`, 64) + hashHex(`${seed}#b`, 64), "hex").toString("base64");
}

function fakeGroup(inputs: Props): Props {
  const displayName = typeof inputs.displayName === "string" ? inputs.displayName : undefined;
  const nickname = typeof inputs.mailNickname === "string" ? inputs.mailNickname : undefined;
  const objectId = typeof inputs.objectId === "string" ? inputs.objectId : fakeGuid(`group:${displayName ?? nickname ?? ""}`);
  return {
    id: objectId,
    objectId,
    displayName: displayName ?? `group-${objectId.slice(0, 8)}`,
    mailNickname: nickname ?? (displayName ?? objectId).replace(/[^A-Za-z0-9]/g, "").toLowerCase(),
    securityEnabled: true,
    mailEnabled: false,
    description: "",
    members: [],
    owners: [],
    types: [],
  };
}
