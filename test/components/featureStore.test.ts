import { MockRuntime, installMocks, promiseOf, settle } from "../mockRuntime";
import { SHARED_IDS } from "./sharedIds";

/** docs/azure-rules/workspaces.md AZ-WS-07: a Workspace with `featureStore` is a managed feature store. */
const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const CONNECTION = "azure-native:machinelearningservices:WorkspaceConnection";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const LAKE = { name: "features", type: "adlsgen2" as const, container: "offline", create: { skuName: "Standard_LRS" as const } };

let mocks: MockRuntime;
let components: typeof import("../../components/workspace");

beforeAll(async () => {
  mocks = await installMocks();
  components = await import("../../components/workspace");
});
beforeEach(() => mocks.reset());

const featureStore = (more: Record<string, unknown> = {}) =>
  new components.Workspace("fs", {
    resourceGroupName: "rg",
    shared: SHARED_IDS,
    nameSuffix: "abc123",
    datastores: [LAKE, { name: "raw_blob", container: "raw", create: {} }],
    featureStore: { offlineStoreDatastore: "features", sparkRuntimeVersion: "3.4" },
    ...more,
  });

describe("AZ-WS-07 feature store workspaces", () => {
  it("creates kind FeatureStore with the materialization identity beside its own, and the settings naming the offline store", async () => {
    const ws = featureStore();
    await promiseOf(ws.workspaceId);
    await settle();
    const [mi] = mocks.ofType(IDENTITY);
    expect(mi.inputs.resourceName).toBe("id-fs-fs-abc123");
    const [mlw] = mocks.ofType(WORKSPACE);
    expect(mlw.inputs).toMatchObject({
      kind: "FeatureStore",
      identity: {
        type: "SystemAssigned,UserAssigned",
        userAssignedIdentities: [expect.stringMatching(/userAssignedIdentities\/id-fs-fs-abc123$/)],
      },
      featureStoreSettings: { offlineStoreConnectionName: "OfflineStoreConnectionName", computeRuntime: { sparkRuntimeVersion: "3.4" } },
    });
    // The workspace keeps acting as its system-assigned identity: the materialization identity is not its primary.
    expect(mlw.inputs.primaryUserAssignedIdentity).toBeUndefined();
    expect(await promiseOf(ws.materializationPrincipalId!)).toEqual(expect.any(String));
  });

  it("reaches the offline store's container through an ADLSGen2 connection that authenticates as the materialization identity", async () => {
    const ws = featureStore();
    await promiseOf(ws.workspaceId);
    await settle();
    const [connection] = mocks.ofType(CONNECTION);
    const container = await promiseOf(ws.datastoreContainerIds.features);
    expect(connection.inputs).toMatchObject({
      connectionName: "OfflineStoreConnectionName",
      properties: {
        authType: "ManagedIdentity",
        category: "ADLSGen2",
        target: container,
        credentials: { resourceId: expect.stringMatching(/id-fs-fs-abc123$/) },
      },
    });
    expect(container).toMatch(/\/blobServices\/default\/containers\/offline$/);
  });

  it("stays kind Default without featureStore: no identity, no connection", async () => {
    const ws = featureStore({ featureStore: undefined });
    await promiseOf(ws.workspaceId);
    await settle();
    expect(mocks.ofType(WORKSPACE)[0].inputs.kind).toBe("Default");
    expect(mocks.ofType(IDENTITY)).toEqual([]);
    expect(mocks.ofType(CONNECTION)).toEqual([]);
    expect(ws.materializationPrincipalId).toBeUndefined();
  });

  it.each([["raw_blob"], ["missing"]])(
    "refuses an offline store %s that is not an adlsgen2 datastore, registering nothing",
    async (name) => {
      expect(() => featureStore({ featureStore: { offlineStoreDatastore: name } })).toThrow(/must name one of its adlsgen2 datastores/);
      await settle();
      expect(mocks.registered).toEqual([]);
    },
  );

  it("still refuses an HNS account as a feature store's default storage (AZ-WS-08)", async () => {
    const storage = { isHnsEnabled: true };
    expect(
      () =>
        new components.Workspace("fs", {
          resourceGroupName: "rg",
          associated: { storage },
          nameSuffix: "x1",
          datastores: [LAKE],
          featureStore: { offlineStoreDatastore: "features" },
        }),
    ).toThrow(/hierarchical namespace/);
    await settle();
    expect(mocks.registered).toEqual([]);
  });
});
