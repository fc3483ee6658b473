import { MockRuntime, installMocks, promiseOf, settle } from "../mockRuntime";
import { SHARED_IDS } from "./sharedIds";

// The shared set without Log Analytics; the tests add it (and a registry) back where they need them.
const { logAnalyticsWorkspaceId: LOG, ...SHARED } = SHARED_IDS;
const REGISTRY = SHARED_IDS.keyVaultId.replace(
  "Microsoft.KeyVault/vaults/kv-shared-123",
  "Microsoft.ContainerRegistry/registries/crshared123",
);
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
