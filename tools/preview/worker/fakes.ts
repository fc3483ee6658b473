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
  SUBSCRIPTION_ID,
  TENANT_ID,
} from "../shared/armIds";
import { wireSecret } from "./wire";

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
const text = (v: unknown): string => String(v ?? "");

/** `azure-native:storage/v20240101:X` → `azure-native:storage:X`: versioned modules answer like the plain one. */
const unversioned = (token: string): string => token.replace(/^(azure-native:[^:/]+)\/[^:]*/, "$1");

const storageEndpoints = (account: string): Props =>
  Object.fromEntries(["blob", "dfs", "file", "queue", "table", "web"].map((s) => [s, `https://${account}.${s}.core.windows.net/`]));

/** What Azure computes for a new resource of a type, beyond its id, name, type, location and identity. */
const COMPUTED: Record<string, (r: { name: string; id: string; location: string; urn: string; inputs: Props }) => Props> = {
  "storage:StorageAccount": ({ name, location, inputs }) => {
    const sku = isObject(inputs.sku) ? inputs.sku : {};
    const tier = /^premium/i.test(text(sku.name)) ? "Premium" : "Standard";
    return { sku: { ...sku, tier }, primaryEndpoints: storageEndpoints(name), primaryLocation: location, statusOfPrimary: "available" };
  },
  "machinelearningservices:Workspace": ({ id, location, urn }) => ({
    workspaceId: fakeGuid(`${urn}#workspaceId`),
    discoveryUrl: `https://${location}.api.azureml.ms/discovery`,
    mlFlowTrackingUri: `azureml://${location}.api.azureml.ms/mlflow/v1.0${id}`,
  }),
  "keyvault:Vault": ({ name, inputs }) => ({
    properties: { ...(isObject(inputs.properties) ? inputs.properties : {}), vaultUri: `https://${name}.vault.azure.net/` },
  }),
  "containerregistry:Registry": ({ name }) => ({ loginServer: `${name.toLowerCase()}.azurecr.io` }),
  "applicationinsights:Component": ({ location, urn }) => {
    const key = fakeGuid(`${urn}#instrumentationKey`);
    const connectionString = `InstrumentationKey=${key};IngestionEndpoint=https://${location}-0.in.applicationinsights.azure.com/`;
    return { appId: fakeGuid(`${urn}#appId`), instrumentationKey: key, connectionString };
  },
  "operationalinsights:Workspace": ({ urn }) => ({ customerId: fakeGuid(`${urn}#customerId`) }),
  "managedidentity:UserAssignedIdentity": ({ urn }) => ({
    principalId: fakeGuid(`${urn}#principalId`),
    clientId: fakeGuid(`${urn}#clientId`),
    tenantId: TENANT_ID,
  }),
};

/** A requested managed identity gets its principal: system-assigned on the resource, user-assigned per identity id. */
function fakeIdentity(identity: Props, urn: string): Props {
  const type = text(identity.type);
  const out: Props = { ...identity };
  if (/SystemAssigned/i.test(type)) Object.assign(out, { principalId: fakeGuid(`${urn}#principalId`), tenantId: TENANT_ID });
  const assigned = identity.userAssignedIdentities;
  const ids = Array.isArray(assigned) ? assigned.map(String) : isObject(assigned) ? Object.keys(assigned) : [];
  if (/UserAssigned/i.test(type) && ids.length > 0) {
    const principal = (id: string) => ({
      principalId: fakeGuid(`${armLookupKey(id)}#principalId`),
      clientId: fakeGuid(`${armLookupKey(id)}#clientId`),
    });
    out.userAssignedIdentities = Object.fromEntries(ids.map((id) => [id, principal(id)]));
  }
  return out;
}

/** What `pulumi up` would report for a new resource. */
export function fakeResource(args: FakeResourceArgs): FakeResourceResult {
  const { type, name, urn, inputs } = args;
  if (!args.custom) return { id: undefined, state: inputs };
  const token = unversioned(type);
  if (token.startsWith("azure-native:")) {
    const readName = args.id?.split("/").pop();
    const naming = armNaming(token.slice("azure-native:".length), name, urn, readName ? { ...inputs, name: readName } : inputs);
    const id = args.id ?? naming.id;
    const state: Props = { ...inputs, id, name: naming.name, type: naming.armType, provisioningState: "Succeeded" };
    if (naming.hasLocation) state.location = inputs.location ?? DEFAULT_LOCATION;
    if (isObject(inputs.identity)) state.identity = fakeIdentity(inputs.identity, urn);
    const location = naming.hasLocation ? text(state.location) : DEFAULT_LOCATION;
    const computed = COMPUTED[token.slice("azure-native:".length)]?.({ name: naming.name, id, location, urn, inputs });
    return { id, state: computed ? { ...state, ...computed } : state };
  }
  if (type === "azuread:index/group:Group") {
    const objectId = fakeGuid(`${urn}#objectId`);
    return { id: args.id ?? `/groups/${objectId}`, state: { ...inputs, objectId } };
  }
  const guidId = type.startsWith("pulumi:providers:") || type.startsWith("azuread:");
  return { id: args.id ?? (guidId ? fakeGuid(urn) : `${name}-${hashHex(urn, 7)}`), state: inputs };
}

const GET_STORAGE_ACCOUNT = "azure-native:storage:getStorageAccount";
const GET_RESOURCE_GROUP = "azure-native:resources:getResourceGroup";

const storageAccountId = (inputs: Props) => armNaming("storage:StorageAccount", "", "", inputs).id;
const resourceGroupId = (inputs: Props) => armNaming("resources:ResourceGroup", "", "", inputs).id;

/** An invoke that reads an existing resource: looked up in previewed stacks and `--lookups` before faking. */
export interface LookupTarget {
  /** The ARM id the invoke refers to. */
  id: string;
  /** A globally unique name to fall back on (storage account names are global). */
  globalName?: string;
}

export function lookupTarget(token: string, inputs: Props): LookupTarget | undefined {
  const plain = unversioned(token);
  if (plain === GET_STORAGE_ACCOUNT) return { id: storageAccountId(inputs), globalName: text(inputs.accountName) };
  return plain === GET_RESOURCE_GROUP ? { id: resourceGroupId(inputs) } : undefined;
}

/** A resource another stack registered, as the lookup invoke returns it. */
export function lookupResultFromRecord(record: { type: string; name: string; urn: string; id?: string; inputs: Props }): Props {
  const { id, state } = fakeResource({ ...record, custom: true, id: undefined });
  return { ...state, id: record.id ?? id };
}

/** A `--lookups` entry, over the plausible defaults. */
export function lookupResultFromProps(token: string, inputs: Props, props: Props): Props {
  return { ...fakeInvoke(token, inputs), ...props };
}

/** Base64 of 64 hash bytes, derived from the invoke's inputs: looks like a real account or shared key, never is one. */
function fakeKey(inputs: Props, keyName: string): string {
  const seed = `${JSON.stringify(inputs)}/${keyName}`;
  return Buffer.from(hashHex(`${seed}#a`, 64) + hashHex(`${seed}#b`, 64), "hex").toString("base64");
}

const clientConfig = { clientId: CLIENT_ID, objectId: CLIENT_OBJECT_ID, subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID };

/** Invokes with a fake, by token (versioned-module tokens are looked up in their plain form). */
const INVOKES: Record<string, (inputs: Props) => Props> = {
  "azure-native:authorization:getClientConfig": () => ({ ...clientConfig }),
  "azure:core/getClientConfig:getClientConfig": () => ({ ...clientConfig, id: CLIENT_OBJECT_ID }),
  [GET_STORAGE_ACCOUNT]: (inputs) => {
    const name = text(inputs.accountName);
    return {
      id: storageAccountId(inputs),
      name,
      type: "Microsoft.Storage/storageAccounts",
      location: DEFAULT_LOCATION,
      kind: "StorageV2",
      sku: { name: "Standard_LRS", tier: "Standard" },
      isHnsEnabled: false,
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      primaryEndpoints: storageEndpoints(name),
      provisioningState: "Succeeded",
    };
  },
  [GET_RESOURCE_GROUP]: (inputs) => ({
    id: resourceGroupId(inputs),
    name: text(inputs.resourceGroupName),
    location: DEFAULT_LOCATION,
    type: "Microsoft.Resources/resourceGroups",
    properties: { provisioningState: "Succeeded" },
    tags: {},
  }),
  "azure-native:storage:listStorageAccountKeys": (inputs) => ({
    keys: wireSecret(["key1", "key2"].map((keyName) => ({ keyName, value: fakeKey(inputs, keyName), permissions: "FULL" }))),
  }),
  "azure-native:operationalinsights:getSharedKeys": (inputs) => ({
    primarySharedKey: wireSecret(fakeKey(inputs, "primary")),
    secondarySharedKey: wireSecret(fakeKey(inputs, "secondary")),
  }),
  "azure-native:containerregistry:listRegistryCredentials": (inputs) => ({
    username: text(inputs.registryName),
    passwords: wireSecret(["password", "password2"].map((name) => ({ name, value: fakeKey(inputs, name) }))),
  }),
  "azuread:index/getGroup:getGroup": (inputs) => {
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
  },
};

/**
 * Answers an invoke; undefined for tokens without a fake, whose result the preview then reports as unknown (as the
 * engine does for an invoke it cannot answer in preview) with a warning naming the invoke.
 */
export function fakeInvoke(token: string, inputs: Props): Props | undefined {
  return INVOKES[unversioned(token)]?.(inputs);
}
