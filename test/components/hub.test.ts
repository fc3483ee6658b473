import { MockRuntime, installMocks, promiseOf, settle } from "../mockRuntime";

const WORKSPACE = "azure-native:machinelearningservices:Workspace";

let mocks: MockRuntime;
let hubModule: typeof import("../../components/hub");
let projectModule: typeof import("../../components/project");

beforeAll(async () => {
  mocks = await installMocks();
  hubModule = await import("../../components/hub");
  projectModule = await import("../../components/project");
});
beforeEach(() => mocks.reset());

describe("Hub with projects", () => {
  let registered: MockRuntime["registered"];
  let hub: InstanceType<typeof hubModule.Hub>;
  let project: InstanceType<typeof projectModule.Project>;

  beforeAll(async () => {
    mocks.reset();
    hub = new hubModule.Hub("research", {
      resourceGroupName: "rg-research",
      location: "westeurope",
      nameSuffix: "abc123",
      managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", destination: "pypi.org" } } },
      additionalWorkspaceStorageAccounts: [
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlake",
      ],
    });
    project = new projectModule.Project("vision", {
      hubResourceId: hub.hubId,
      location: hub.location,
      resourceGroupName: "rg-research",
      nameSuffix: "abc123",
      tags: { team: "vision" },
    });
    await promiseOf(project.projectId);
    await settle();
    registered = [...mocks.registered];
  });

  it("creates a Hub workspace with its own associated resources and managed network", () => {
    const hubWs = registered.find((r) => r.type === WORKSPACE && r.inputs.kind === "Hub")!;
    expect(hubWs.inputs).toMatchObject({
      workspaceName: "hub-research-abc123",
      managedNetwork: {
        isolationMode: "AllowOnlyApprovedOutbound",
        outboundRules: { pypi: { type: "FQDN", destination: "pypi.org", category: "UserDefined" } },
      },
      workspaceHubConfig: { additionalWorkspaceStorageAccounts: [expect.stringContaining("stlake")] },
    });
    expect(hubWs.inputs.storageAccount).toMatch(/storageAccounts\/stresearchabc123$/);
  });

  it("creates a Project that carries hubResourceId and the hub's location, and nothing it inherits", async () => {
    const prj = registered.find((r) => r.type === WORKSPACE && r.inputs.kind === "Project")!;
    expect(prj.inputs.hubResourceId).toBe(await promiseOf(hub.hubId));
    expect(prj.inputs.location).toBe("westeurope");
    expect(prj.inputs.identity).toEqual({ type: "SystemAssigned" });
    for (const key of projectModule.PROJECT_FORBIDDEN_KEYS) expect(prj.inputs).not.toHaveProperty(key);
    expect(await promiseOf(project.workspace.urn)).toContain(
      "azure-ml-workspaces:ml:Project$azure-native:machinelearningservices:Workspace::vision-prj",
    );
  });

  it("refuses a project given associated resources, before registering anything", async () => {
    mocks.reset();
    const args = { hubResourceId: "x", location: "westeurope", resourceGroupName: "rg", storageAccount: "/subscriptions/x" };
    expect(() => new projectModule.Project("bad", args as never)).toThrow(/cannot set storageAccount: it inherits them from its hub/);
    await settle();
    expect(mocks.registered).toEqual([]);
  });

  it("applies the default-storage guard to the hub", () => {
    expect(() => new hubModule.Hub("lake-hub", { resourceGroupName: "rg", associated: { storage: { isHnsEnabled: true } } })).toThrow(
      /hierarchical namespace/,
    );
  });
});

describe("SharedResources", () => {
  it("creates the whole set with CanNotDelete locks and exports the ids", async () => {
    const { SharedResources } = await import("../../components/sharedResources");
    const shared = new SharedResources("mlshared", {
      resourceGroupName: "rg-ml-shared",
      nameSuffix: "abc123",
      containerRegistry: { skuName: "Premium" },
    });
    const ids = await Promise.all(
      [
        shared.storageAccountId,
        shared.keyVaultId,
        shared.applicationInsightsId,
        shared.containerRegistryId,
        shared.logAnalyticsWorkspaceId,
      ].map(promiseOf),
    );
    await settle();
    expect(ids.every((id) => id.startsWith("/subscriptions/"))).toBe(true);
    const locks = mocks.ofType("azure-native:authorization:ManagementLockByScope");
    expect(locks.map((l) => l.inputs.scope).sort()).toEqual([ids[0], ids[1], ids[3], ids[4]].sort());
    expect(locks.every((l) => l.inputs.level === "CanNotDelete")).toBe(true);
    expect(mocks.ofType("azure-native:containerregistry:Registry")[0].inputs).toMatchObject({
      sku: { name: "Premium" },
      adminUserEnabled: false,
    });
    expect(mocks.ofType(WORKSPACE)).toEqual([]);
  });
});
