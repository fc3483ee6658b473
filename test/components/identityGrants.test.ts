/**
 * The workspace's own identity, data isolation, the hub's project resource group and the accesskey guard, under
 * Pulumi's mocks. Resource options are read through a transformation on the component (the mocks do not see them).
 */
import * as pulumi from "@pulumi/pulumi";
import { MockRuntime, installMocks, promiseOf, settle } from "../mockRuntime";
import { USER_ASSIGNED_IDENTITY_GRANTS, primaryIdentityGrants } from "../../components/access/identityRoles";
import { BUILT_IN_ROLES } from "../../components/access/roleCatalog";

const SUB = "00000000-0000-0000-0000-000000000000";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-ml-shared/providers`;
const SHARED = {
  storageAccountId: `${RG}/Microsoft.Storage/storageAccounts/stshared123`,
  keyVaultId: `${RG}/Microsoft.KeyVault/vaults/kv-shared-123`,
  applicationInsightsId: `${RG}/Microsoft.Insights/components/appi-shared`,
};
const UAMI = `${RG}/Microsoft.ManagedIdentity/userAssignedIdentities/id-team-a`;
const PRINCIPAL = "0b6e4a2c-1d3f-4a5b-8c7d-9e0f1a2b3c4d";
const RA = "azure-native:authorization:RoleAssignment";

let mocks: MockRuntime;
let ws: typeof import("../../components/workspace");
let hubs: typeof import("../../components/hub");

beforeAll(async () => {
  mocks = await installMocks();
  ws = await import("../../components/workspace");
  hubs = await import("../../components/hub");
});
beforeEach(() => mocks.reset());

/** Component options that record each child's type, name and resource options. */
function recordOptions() {
  const seen: { type: string; name: string; opts: pulumi.CustomResourceOptions }[] = [];
  const transformations: pulumi.ResourceTransformation[] = [
    (args) => {
      seen.push({ type: args.type, name: args.name, opts: args.opts as pulumi.CustomResourceOptions });
      return undefined;
    },
  ];
  return { seen, opts: { transformations } };
}

const common = { resourceGroupName: "rg-team-a", nameSuffix: "abc123", tenantId: SUB, subscriptionId: SUB };
const identity = { userAssignedIdentityIds: [UAMI], primaryPrincipalId: PRINCIPAL };

/** Builds a workspace; returns what it registered, by type, and each child's resource options. */
async function buildWorkspace(name: string, args: Partial<import("../../components/workspace").WorkspaceArgs>) {
  mocks.reset();
  const rec = recordOptions();
  const w = new ws.Workspace(name, { ...common, ...args }, rec.opts);
  await promiseOf(w.workspaceId);
  await settle();
  const registered = [...mocks.registered];
  return { ofType: (type: string) => registered.filter((r) => r.type === type), seen: rec.seen };
}

/**
 * A workspace with its own associated resources, a user-assigned primary identity and protect: false: built once,
 * shared by the tests that read it (identity grants, data isolation's default, protection without encryption).
 */
let withIdentity: ReturnType<typeof buildWorkspace> | undefined;
const buildWithIdentity = () => (withIdentity ??= buildWorkspace("team-a", { identity, protect: false }));

describe("AZ-ACCESS-02: a user-assigned primary identity gets the roles Azure ML documents for it", () => {
  it("on the workspace and each associated resource, as ServicePrincipal, with fixed names", async () => {
    const grants = (await buildWithIdentity()).ofType(RA);
    const roles = grants.map((g) => String(g.inputs.roleDefinitionId).split("/").pop()).sort();
    expect(roles).toEqual(USER_ASSIGNED_IDENTITY_GRANTS.map((g) => BUILT_IN_ROLES[g.role]).sort());
    for (const g of grants) expect(g.inputs).toMatchObject({ principalId: PRINCIPAL, principalType: "ServicePrincipal" });
    expect(grants.some((g) => String(g.inputs.scope).includes("/workspaces/mlw-team-a-abc123"))).toBe(true);
  });

  it("skips the registry when there is none, and a system-assigned identity gets nothing", () => {
    expect(primaryIdentityGrants({ userAssignedIdentityIds: [UAMI] }, false).map((g) => g.target)).not.toContain("containerRegistry");
    expect(primaryIdentityGrants({}, true)).toEqual([]);
    expect(primaryIdentityGrants(undefined, true)).toEqual([]);
  });
});

describe("AZ-ACCESS-04: every role assignment with a fixed name is deleted before it is replaced", () => {
  it("holds for the identity grants and the datastore identity grant", async () => {
    const { seen } = await buildWorkspace("team-a", {
      identity: { ...identity, systemAssigned: true },
      datastores: [{ name: "raw", container: "raw", create: {} }],
    });
    const assignments = seen.filter((s) => s.type === RA);
    expect(assignments.length).toBeGreaterThan(USER_ASSIGNED_IDENTITY_GRANTS.length);
    for (const a of assignments) expect([a.name, a.opts.deleteBeforeReplace]).toEqual([a.name, true]);
  });

  it("holds for group bindings", async () => {
    const { RoleBindings } = await import("../../components/access/roleBindings");
    const rec = recordOptions();
    const scope = `/subscriptions/${SUB}/resourceGroups/rg-team-a`;
    new RoleBindings(
      "b",
      {
        subscriptionId: SUB,
        project: "p",
        stack: "s",
        bindings: [{ scopeKey: "k", scope, group: "g", principalId: PRINCIPAL, role: "Reader" }],
      },
      rec.opts,
    );
    await settle();
    const [a] = rec.seen.filter((s) => s.type === RA);
    expect(a.opts.deleteBeforeReplace).toBe(true);
  });
});

describe("AZ-WS-01 and AZ-WS-02: data isolation on a shared set, set at creation only", () => {
  it("turns enableDataIsolation on for a workspace on shared resources and ignores later changes to it", async () => {
    const { ofType, seen } = await buildWorkspace("team-a", { shared: SHARED });
    const [mlw] = ofType("azure-native:machinelearningservices:Workspace");
    expect(mlw.inputs.enableDataIsolation).toBe(true);
    const opts = seen.find((s) => s.type === "azure-native:machinelearningservices:Workspace")!.opts;
    expect(opts.ignoreChanges).toContain("enableDataIsolation");
  });

  it("leaves Azure's default for a workspace with its own resources", async () => {
    const { ofType } = await buildWithIdentity();
    expect(ofType("azure-native:storage:StorageAccount")).toHaveLength(1);
    expect(ofType("azure-native:machinelearningservices:Workspace")[0].inputs.enableDataIsolation).toBeUndefined();
  });
});

describe("AZ-WS-03: a hub's default project resource group is an ARM id", () => {
  it("sends the id and refuses a bare name before registering anything", async () => {
    const rgId = `/subscriptions/${SUB}/resourceGroups/rg-research-projects`;
    const h = new hubs.Hub("research", { ...common, defaultProjectResourceGroup: rgId });
    await promiseOf(h.hubId);
    await settle();
    const [hub] = mocks.ofType("azure-native:machinelearningservices:Workspace");
    expect(hub.inputs.workspaceHubConfig.defaultWorkspaceResourceGroup).toBe(rgId);
    mocks.reset();
    expect(() => new hubs.Hub("bad", { ...common, defaultProjectResourceGroup: "rg-research-projects" })).toThrow(
      /must be a resource group ARM id/,
    );
    await settle();
    expect(mocks.registered).toEqual([]);
  });
});

describe("AZ-WS-04: accesskey system datastores are refused on storage with shared keys off", () => {
  it("refuses the default (keys off) and accepts storage that allows shared keys", async () => {
    expect(() => new ws.Workspace("bad", { ...common, systemDatastoresAuthMode: "accesskey" })).toThrow(
      /accesskey needs shared-key access/,
    );
    await settle();
    expect(mocks.registered).toEqual([]);
    expect(
      () =>
        new ws.Workspace("ok", {
          ...common,
          systemDatastoresAuthMode: "accesskey",
          associated: { storage: { allowSharedKeyAccess: true } },
        }),
    ).not.toThrow();
    // Its registrations finish here, not in a later test.
    await settle();
  });

  it("refuses an existing account whose shared keys are off, by its lookup", async () => {
    mocks.overrides.set("azure-native:storage:getStorageAccount", (inputs) => ({
      id: SHARED.storageAccountId,
      name: inputs.accountName,
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      allowSharedKeyAccess: false,
    }));
    const { verifyDefaultStorageAccount } = await import("../../components/storageLookup");
    await expect(verifyDefaultStorageAccount(SHARED.storageAccountId, "accesskey")).rejects.toThrow(/stshared123.*accesskey needs/);
    await expect(verifyDefaultStorageAccount(SHARED.storageAccountId, "identity")).resolves.toBeUndefined();
  });
});

describe("AZ-CMK-04: an encrypted workspace is protected even with protect: false", () => {
  const KV = `${RG}/Microsoft.KeyVault/vaults/kv-keys-123`;
  const workspaceProtect = ({ seen }: Awaited<ReturnType<typeof buildWorkspace>>) =>
    seen.find((s) => s.type === "azure-native:machinelearningservices:Workspace")?.opts.protect;

  it("so a vault change, a replacement, is refused instead of deleting the workspace", async () => {
    const encryption = { keyVaultId: KV, keyUri: "https://kv-keys-123.vault.azure.net/keys/ml-cmk" };
    expect(workspaceProtect(await buildWorkspace("team-a", { identity, protect: false, encryption }))).toBe(true);
    expect(workspaceProtect(await buildWithIdentity())).toBe(false);
  });
});
