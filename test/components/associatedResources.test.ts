import { MockRuntime, installMocks, promiseOf, settle } from "../mockRuntime";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ml-shared/providers";
const SHARED = {
  storageAccountId: `${SUB}/Microsoft.Storage/storageAccounts/stshared123`,
  keyVaultId: `${SUB}/Microsoft.KeyVault/vaults/kv-shared-123`,
  applicationInsightsId: `${SUB}/Microsoft.Insights/components/appi-shared`,
};
const LOG = `${SUB}/Microsoft.OperationalInsights/workspaces/log-shared`;
const REGISTRY = `${SUB}/Microsoft.ContainerRegistry/registries/crshared123`;
const BASE = { resourceGroupName: "rg-a", baseName: "team-a", nameSuffix: "abc123", tenantId: "t" };

let mocks: MockRuntime;
let assoc: typeof import("../../components/associatedResources");

beforeAll(async () => {
  mocks = await installMocks();
  assoc = await import("../../components/associatedResources");
});
beforeEach(() => mocks.reset());

describe("AssociatedResources on a shared set", () => {
  it("creates nothing and has neither Log Analytics nor a registry when the set has none", async () => {
    const set = new assoc.AssociatedResources("a", { ...BASE, shared: SHARED });
    expect(set.logAnalyticsWorkspaceId).toBeUndefined();
    expect(set.containerRegistryId).toBeUndefined();
    expect(await promiseOf(set.keyVaultId)).toBe(SHARED.keyVaultId);
    await promiseOf(set.storageAccountId);
    await settle();
    expect(mocks.registered.filter((r) => r.type.startsWith("azure-native:") && !r.type.includes(":get"))).toEqual([]);
  });

  it("exposes the set's Log Analytics workspace and registry when it has them", async () => {
    const set = new assoc.AssociatedResources("b", {
      ...BASE,
      shared: { ...SHARED, logAnalyticsWorkspaceId: LOG, containerRegistryId: REGISTRY },
    });
    expect(await promiseOf(set.logAnalyticsWorkspaceId!)).toBe(LOG);
    expect(await promiseOf(set.containerRegistryId!)).toBe(REGISTRY);
  });

  it("refuses dedicated choices beside the shared set before registering anything", () => {
    expect(() => new assoc.AssociatedResources("c", { ...BASE, shared: SHARED, keyVault: {}, containerRegistry: false })).toThrow(
      "c: set either 'shared' or 'keyVault', 'containerRegistry', not both",
    );
    expect(mocks.registered).toEqual([]);
  });
});

describe("AssociatedResources with dedicated resources", () => {
  it("has the Log Analytics workspace and registry it creates, and no registry with containerRegistry false", async () => {
    const created = new assoc.AssociatedResources("d", BASE);
    expect(created.logAnalyticsWorkspaceId).toBeDefined();
    expect(created.containerRegistryId).toBeDefined();
    const withoutRegistry = new assoc.AssociatedResources("e", { ...BASE, baseName: "team-e", containerRegistry: false });
    expect(withoutRegistry.containerRegistryId).toBeUndefined();
    await settle();
  });

  it("has no Log Analytics workspace with existing monitoring that names none", () => {
    const set = new assoc.AssociatedResources("f", {
      ...BASE,
      baseName: "team-f",
      monitoring: { existingApplicationInsightsId: SHARED.applicationInsightsId },
    });
    expect(set.logAnalyticsWorkspaceId).toBeUndefined();
  });
});
