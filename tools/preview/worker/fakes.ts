/** Fake provider: plausible outputs for new resources and answers for invokes, all derived from URNs and inputs (deterministic). */
import * as arm from "../shared/armIds";
import type { LookupAnswer } from "../shared/ipc";
import { isObject } from "../shared/messages";
import { type Props, wireSecret } from "./wire";

/** A registration or read (`id`: the id a `.get()` asked for), with plain inputs (secrets unwrapped, unknowns absent). */
export interface FakeResourceArgs {
  type: string;
  name: string;
  urn: string;
  inputs: Props;
  custom: boolean;
  id?: string;
}

/** The id the provider assigns (none for components), and the inputs plus the outputs it would compute (JSON data). */
export interface FakeResourceResult {
  id: string | undefined;
  state: Props;
}

const text = (v: unknown): string => String(v ?? "");
const guid = (urn: string, purpose: string) => arm.fakeGuid(`${urn}#${purpose}`);

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
    workspaceId: guid(urn, "workspaceId"),
    discoveryUrl: `https://${location}.api.azureml.ms/discovery`,
    mlFlowTrackingUri: `azureml://${location}.api.azureml.ms/mlflow/v1.0${id}`,
  }),
  "keyvault:Vault": ({ name, inputs }) => ({
    properties: { ...(isObject(inputs.properties) ? inputs.properties : {}), vaultUri: `https://${name}.vault.azure.net/` },
  }),
  "containerregistry:Registry": ({ name }) => ({ loginServer: `${name.toLowerCase()}.azurecr.io` }),
  "applicationinsights:Component": ({ location, urn }) => {
    const key = guid(urn, "instrumentationKey");
    const connectionString = `InstrumentationKey=${key};IngestionEndpoint=https://${location}-0.in.applicationinsights.azure.com/`;
    return { appId: guid(urn, "appId"), instrumentationKey: key, connectionString };
  },
  "operationalinsights:Workspace": ({ urn }) => ({ customerId: guid(urn, "customerId") }),
  "managedidentity:UserAssignedIdentity": ({ urn }) => ({
    principalId: guid(urn, "principalId"),
    clientId: guid(urn, "clientId"),
    tenantId: arm.TENANT_ID,
  }),
};

/** A requested managed identity gets its principal: system-assigned on the resource, user-assigned per identity id. */
function fakeIdentity(identity: Props, urn: string): Props {
  const out: Props = { ...identity };
  if (/SystemAssigned/i.test(text(identity.type))) Object.assign(out, { principalId: guid(urn, "principalId"), tenantId: arm.TENANT_ID });
  const assigned = identity.userAssignedIdentities;
  const ids = Array.isArray(assigned) ? assigned.map(String) : isObject(assigned) ? Object.keys(assigned) : [];
  if (/UserAssigned/i.test(text(identity.type)) && ids.length > 0) {
    const principal = (key: string) => ({ principalId: guid(key, "principalId"), clientId: guid(key, "clientId") });
    out.userAssignedIdentities = Object.fromEntries(ids.map((id) => [id, principal(arm.armLookupKey(id))]));
  }
  return out;
}

/** What `pulumi up` would report for a new resource. */
export function fakeResource(args: FakeResourceArgs): FakeResourceResult {
  const { type, name, urn, inputs } = args;
  const token = unversioned(type);
  if (!args.custom) return { id: undefined, state: inputs };
  if (token.startsWith("azure-native:")) {
    const readName = args.id?.split("/").pop();
    const naming = arm.armNaming(token.slice("azure-native:".length), name, urn, readName ? { ...inputs, name: readName } : inputs);
    const id = args.id ?? naming.id;
    const state: Props = { ...inputs, id, name: naming.name, type: naming.armType, provisioningState: "Succeeded" };
    if (naming.hasLocation) state.location = inputs.location ?? arm.DEFAULT_LOCATION;
    if (isObject(inputs.identity)) state.identity = fakeIdentity(inputs.identity, urn);
    const location = naming.hasLocation ? text(state.location) : arm.DEFAULT_LOCATION;
    const computed = COMPUTED[token.slice("azure-native:".length)]?.({ name: naming.name, id, location, urn, inputs });
    return { id, state: { ...state, ...computed } };
  }
  if (type === "azuread:index/group:Group") {
    const objectId = guid(urn, "objectId");
    return { id: args.id ?? `/groups/${objectId}`, state: { ...inputs, objectId } };
  }
  const guidId = type.startsWith("pulumi:providers:") || type.startsWith("azuread:");
  return { id: args.id ?? (guidId ? arm.fakeGuid(urn) : `${name}-${arm.hashHex(urn, 7)}`), state: inputs };
}

const GET_STORAGE_ACCOUNT = "azure-native:storage:getStorageAccount";
const GET_RESOURCE_GROUP = "azure-native:resources:getResourceGroup";
const armId = (type: string, inputs: Props) => arm.armNaming(type, "", "", inputs).id;

/** The ARM id an invoke reading an existing resource refers to (and a global name to fall back on), to ask the host. */
export function lookupTarget(token: string, inputs: Props): { id: string; globalName?: string } | undefined {
  const plain = unversioned(token);
  if (plain === GET_STORAGE_ACCOUNT) return { id: armId("storage:StorageAccount", inputs), globalName: text(inputs.accountName) };
  return plain === GET_RESOURCE_GROUP ? { id: armId("resources:ResourceGroup", inputs) } : undefined;
}

/** A lookup's result from the host's answer: a previewed stack's resource, a `--lookups` entry over the fake, or the fake. */
export function lookupResult(token: string, inputs: Props, answer: LookupAnswer): Props | undefined {
  if (answer.kind === "missing") throw new Error(answer.reason);
  if (answer.kind !== "recorded") return { ...fakeInvoke(token, inputs), ...(answer.kind === "props" ? answer.props : {}) };
  const { id, state } = fakeResource({ ...answer.resource, custom: true, id: undefined });
  return { ...state, id: answer.resource.id ?? id };
}

/** Base64 of 64 hash bytes, derived from the invoke's inputs: looks like a real account or shared key, never is one. */
function fakeKey(inputs: Props, keyName: string): string {
  const seed = `${JSON.stringify(inputs)}/${keyName}`;
  return Buffer.from(arm.hashHex(`${seed}#a`, 64) + arm.hashHex(`${seed}#b`, 64), "hex").toString("base64");
}

const clientConfig = {
  clientId: arm.CLIENT_ID,
  objectId: arm.CLIENT_OBJECT_ID,
  subscriptionId: arm.SUBSCRIPTION_ID,
  tenantId: arm.TENANT_ID,
};

/** Invokes with a fake, by token (versioned-module tokens are looked up in their plain form). */
const INVOKES: Record<string, (inputs: Props) => Props> = {
  "azure-native:authorization:getClientConfig": () => ({ ...clientConfig }),
  "azure:core/getClientConfig:getClientConfig": () => ({ ...clientConfig, id: arm.CLIENT_OBJECT_ID }),
  // An existing account of unknown settings: a plausible one, StorageV2 / Standard_LRS without HNS, as a new one would be.
  [GET_STORAGE_ACCOUNT]: (inputs) => {
    const settings = { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, isHnsEnabled: false };
    const account = { ...inputs, kind: "StorageV2", sku: { name: "Standard_LRS" }, ...settings };
    return fakeResource({ type: "azure-native:storage:StorageAccount", name: "", urn: "", inputs: account, custom: true }).state;
  },
  [GET_RESOURCE_GROUP]: (inputs) => ({
    id: armId("resources:ResourceGroup", inputs),
    name: text(inputs.resourceGroupName),
    location: arm.DEFAULT_LOCATION,
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
  "azuread:index/getGroup:getGroup": ({ displayName, mailNickname, objectId }) => {
    const [display, nickname] = [displayName, mailNickname].map((v) => (typeof v === "string" ? v : undefined));
    const id = typeof objectId === "string" ? objectId : arm.fakeGuid(`group:${display ?? nickname ?? ""}`);
    const names = {
      displayName: display ?? `group-${id.slice(0, 8)}`,
      mailNickname: nickname ?? (display ?? id).replace(/[^A-Za-z0-9]/g, "").toLowerCase(),
    };
    return { id, objectId: id, ...names, securityEnabled: true, mailEnabled: false, description: "", members: [], owners: [], types: [] };
  },
};

/** Answers an invoke; undefined without a fake (the preview then reports the result unknown, as the engine would, and warns). */
export function fakeInvoke(token: string, inputs: Props): Props | undefined {
  return INVOKES[unversioned(token)]?.(inputs);
}
