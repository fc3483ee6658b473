import * as pulumi from "@pulumi/pulumi";
import { installMocks, promiseOf, settle } from "../mockRuntime";
import { SentInvoke, SentOptions, recordSentOptions } from "./sentOptions";

const SHARED_IDS = {
  storageAccountId:
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ml-shared/providers/Microsoft.Storage/storageAccounts/stshared123",
  keyVaultId:
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ml-shared/providers/Microsoft.KeyVault/vaults/kv-shared",
  applicationInsightsId:
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ml-shared/providers/Microsoft.Insights/components/appi-shared",
};
const STATEFUL_TYPES = new Set([
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobContainer",
  "azure-native:keyvault:Vault",
  "azure-native:operationalinsights:Workspace",
  "azure-native:containerregistry:Registry",
  "azure-native:machinelearningservices:Workspace",
]);

let sent: { registrations: SentOptions[]; invokes: SentInvoke[] };
let components: typeof import("../../components");
let Provider: typeof import("@pulumi/azure-native/provider").Provider;

beforeAll(async () => {
  await installMocks();
  sent = recordSentOptions();
  components = await import("../../components");
  Provider = (await import("@pulumi/azure-native/provider")).Provider;
});

/** Builds one of the three components with `opts`; returns what its children sent. */
async function build(kind: Kind, name: string, opts: pulumi.ComponentResourceOptions, shared = false) {
  const before = { registrations: sent.registrations.length, invokes: sent.invokes.length };
  const base = {
    resourceGroupName: `rg-${name}`,
    location: "westeurope",
    nameSuffix: "abc123",
    tenantId: "00000000-0000-0000-0000-000000000001",
    subscriptionId: "00000000-0000-0000-0000-000000000000",
  };
  let done: pulumi.Output<unknown>;
  if (kind === "Workspace") {
    const datastores = [{ name: "raw", container: "raw", create: { skuName: "Standard_LRS" } }];
    done = new components.Workspace(name, { ...base, datastores, locks: true, ...(shared ? { shared: SHARED_IDS } : {}) }, opts)
      .workspaceId;
  } else if (kind === "Hub") {
    done = new components.Hub(name, { ...base, locks: true }, opts).hubId;
  } else {
    done = new components.SharedResources(name, base, opts).storageAccountId;
  }
  await promiseOf(done);
  await settle();
  const children = sent.registrations.slice(before.registrations).filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  return { children, invokes: sent.invokes.slice(before.invokes) };
}

type Kind = "Workspace" | "Hub" | "SharedResources";
const prefixOf = (kind: Kind) => kind.toLowerCase().slice(0, 6);

/** Each component built once without options, shared by the tests that read its defaults (built on first use). */
const defaults = new Map<Kind, ReturnType<typeof build>>();
function buildDefault(kind: Kind): ReturnType<typeof build> {
  if (!defaults.has(kind)) defaults.set(kind, build(kind, `${prefixOf(kind)}-def`, {}));
  return defaults.get(kind)!;
}

describe.each(["Workspace", "Hub", "SharedResources"] as const)(
  "AZ-DATA-06: the caller's resource options reach every child of %s",
  (kind) => {
    const prefix = prefixOf(kind);

    it("an explicit protect: false wins over the per-class default, and a custom provider serves every child", async () => {
      const provider = new Provider(`${prefix}-custom`, { location: "westeurope" });
      const providerUrn = await promiseOf(provider.urn);
      const { children } = await build(kind, `${prefix}-off`, { protect: false, provider });
      expect(children.length).toBeGreaterThan(5);
      expect(children.filter((c) => c.protect !== false).map((c) => c.name)).toEqual([]);
      expect(children.filter((c) => !c.provider.startsWith(`${providerUrn}::`)).map((c) => c.name)).toEqual([]);
    });

    it("without options, stateful children are protected and the rest are not", async () => {
      const { children } = await buildDefault(kind);
      const stateful = children.filter((c) => STATEFUL_TYPES.has(c.type));
      expect(stateful.length).toBeGreaterThan(0);
      expect(stateful.filter((c) => c.protect !== true).map((c) => c.name)).toEqual([]);
      expect(children.filter((c) => !STATEFUL_TYPES.has(c.type) && c.protect === true).map((c) => c.name)).toEqual([]);
    });

    it("forwards retainOnDelete, deletedWith and ignoreChanges, and protect: true reaches every child", async () => {
      const anchor = new components.EntraGroups(`${prefix}-anchor`, { groups: {} });
      const anchorUrn = await promiseOf(anchor.urn);
      const { children } = await build(kind, `${prefix}-fwd`, {
        retainOnDelete: true,
        deletedWith: anchor,
        ignoreChanges: ["tags"],
        protect: true,
      });
      expect(children.filter((c) => c.retainOnDelete !== true || c.deletedWith !== anchorUrn).map((c) => c.name)).toEqual([]);
      expect(children.filter((c) => !c.ignoreChanges.includes("tags")).map((c) => c.name)).toEqual([]);
      expect(children.filter((c) => c.protect !== true).map((c) => c.name)).toEqual([]);
    });
  },
);

describe("AZ-DATA-06: lookups and containers", () => {
  it("looks up a shared default storage through the caller's provider", async () => {
    const provider = new Provider("lookup-custom", { location: "westeurope" });
    const providerUrn = await promiseOf(provider.urn);
    const { invokes } = await build("Workspace", "lookup", { provider }, true);
    const lookup = invokes.find((i) => i.token === "azure-native:storage:getStorageAccount");
    expect(lookup?.provider).toMatch(new RegExp(`^${providerUrn.replace(/[$]/g, "\\$")}::`));
  });

  it("AZ-DATA-05: a datastore's container is retained when its Pulumi resource is deleted", async () => {
    const { children } = await buildDefault("Workspace");
    const [container] = children.filter((c) => c.type === "azure-native:storage:BlobContainer");
    expect(container).toMatchObject({ retainOnDelete: true, protect: true });
    const account = children.find((c) => c.type === "azure-native:storage:StorageAccount");
    expect(account?.retainOnDelete).not.toBe(true);
  });

  it("AZ-DATA-07: locks: true puts a CanNotDelete lock on each stateful resource a Workspace creates", async () => {
    const { children } = await buildDefault("Workspace");
    const locks = children.filter((c) => c.type === "azure-native:authorization:ManagementLockByScope").map((c) => c.name);
    expect(locks.sort()).toEqual([
      "worksp-def-assoc-cr-lock",
      "worksp-def-assoc-kv-lock",
      "worksp-def-assoc-log-lock",
      "worksp-def-assoc-st-lock",
      "worksp-def-ds-raw-st-lock",
    ]);
  });

  it("AZ-DATA-08: Application Insights returns its keys as secrets", async () => {
    const { children } = await buildDefault("Workspace");
    const appi = children.find((c) => c.type === "azure-native:applicationinsights:Component");
    expect(appi?.additionalSecretOutputs).toEqual(expect.arrayContaining(["connectionString", "instrumentationKey"]));
  });
});
