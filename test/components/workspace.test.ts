import { MockRuntime, installMocks, promiseOf, settle } from "../mockRuntime";
import { SHARED_IDS } from "./sharedIds";

const STORAGE = "azure-native:storage:StorageAccount";
const WORKSPACE = "azure-native:machinelearningservices:Workspace";

let mocks: MockRuntime;
let components: typeof import("../../components/workspace");

beforeAll(async () => {
  mocks = await installMocks();
  components = await import("../../components/workspace");
});
beforeEach(() => mocks.reset());

describe("Workspace with dedicated resources", () => {
  let ws: InstanceType<typeof components.Workspace>;
  let registered: MockRuntime["registered"];
  const ofType = (type: string) => registered.filter((r) => r.type === type);
  beforeAll(async () => {
    mocks.reset();
    ws = new components.Workspace("team-b", { resourceGroupName: "rg-team-b", location: "westeurope", nameSuffix: "abc123" });
    await promiseOf(ws.workspaceId);
    await settle();
    registered = [...mocks.registered];
  });

  it("creates every associated resource with secure defaults", () => {
    const [st] = ofType(STORAGE);
    expect(st.inputs).toMatchObject({
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      isHnsEnabled: false,
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      accountName: expect.stringMatching(/^stteamb[a-z0-9]*abc123$/),
    });
    const [kv] = ofType("azure-native:keyvault:Vault");
    expect(kv.inputs.properties).toMatchObject({ enableRbacAuthorization: true, enablePurgeProtection: true, enableSoftDelete: true });
    const [cr] = ofType("azure-native:containerregistry:Registry");
    expect(cr.inputs.adminUserEnabled).toBe(false);
    const [appi] = ofType("azure-native:applicationinsights:Component");
    expect(appi.inputs.workspaceResourceId).toMatch(/Microsoft.OperationalInsights\/workspaces\/log-team-b-abc123$/);
  });

  it("wires the workspace to them, identity-first", () => {
    const [mlw] = ofType(WORKSPACE);
    expect(mlw.inputs).toMatchObject({
      kind: "Default",
      workspaceName: "mlw-team-b-abc123",
      identity: { type: "SystemAssigned" },
      systemDatastoresAuthMode: "identity",
      publicNetworkAccess: "Enabled",
      managedNetwork: { isolationMode: "AllowInternetOutbound" },
    });
    const nameOf = (type: string, key: string) => ofType(type)[0].inputs[key] as string;
    expect(mlw.inputs.storageAccount).toMatch(new RegExp(`/Microsoft.Storage/storageAccounts/${nameOf(STORAGE, "accountName")}$`));
    expect(mlw.inputs.keyVault).toMatch(new RegExp(`/Microsoft.KeyVault/vaults/${nameOf("azure-native:keyvault:Vault", "vaultName")}$`));
    expect(mlw.inputs.containerRegistry).toMatch(
      new RegExp(`/registries/${nameOf("azure-native:containerregistry:Registry", "registryName")}$`),
    );
  });

  it("sends diagnostics to Log Analytics", () => {
    const [diag] = ofType("azure-native:monitor:DiagnosticSetting");
    expect(diag.inputs.workspaceId).toMatch(/log-team-b-abc123$/);
  });

  it("AZ-ACCESS-01: grants its system-assigned identity nothing (Azure ML assigns those roles itself)", () => {
    expect(ofType("azure-native:authorization:RoleAssignment")).toEqual([]);
  });

  it("parents children to the component and exposes the studio URL", async () => {
    expect(await promiseOf(ws.workspace.urn)).toContain(
      "azure-ml-workspaces:ml:Workspace$azure-native:machinelearningservices:Workspace::team-b-mlw",
    );
    expect(await promiseOf(ws.associated.storageAccount!.urn)).toContain(
      "azure-ml-workspaces:ml:AssociatedResources$azure-native:storage:StorageAccount::team-b-assoc-st",
    );
    const id = await promiseOf(ws.workspaceId);
    expect(await promiseOf(ws.studioUrl)).toBe(`https://ml.azure.com/?wsid=${id}`);
  });
});

describe("the default-storage guard", () => {
  it.each([
    [{ skuName: "Premium_LRS" }, /premium/],
    [{ skuName: "premiumv2_zrs" }, /premium/],
    [{ isHnsEnabled: true }, /hierarchical namespace/],
    [{ kind: "BlobStorage" }, /kind/],
  ])("refuses dedicated storage %j before registering anything", async (storage, rule) => {
    expect(() => new components.Workspace("bad", { resourceGroupName: "rg", associated: { storage }, nameSuffix: "x1" })).toThrow(rule);
    await settle();
    expect(mocks.registered).toEqual([]);
  });

  it("looks up a shared account and refuses it when it is premium, naming it", async () => {
    mocks.overrides.set("azure-native:storage:getStorageAccount", (inputs) => ({
      id: SHARED_IDS.storageAccountId,
      name: inputs.accountName,
      kind: "StorageV2",
      sku: { name: "Premium_LRS" },
      isHnsEnabled: false,
    }));
    const { verifyDefaultStorageAccount } = await import("../../components/storageLookup");
    await expect(verifyDefaultStorageAccount(SHARED_IDS.storageAccountId)).rejects.toThrow(/stshared123.*sku is 'Premium_LRS'/);
    expect(mocks.invokes).toContainEqual({
      token: "azure-native:storage:getStorageAccount",
      inputs: { accountName: "stshared123", resourceGroupName: "rg-ml-shared" },
    });
  });

  it("accepts a standard shared account and reports a failed lookup by name", async () => {
    const { verifyDefaultStorageAccount } = await import("../../components/storageLookup");
    await expect(verifyDefaultStorageAccount(SHARED_IDS.storageAccountId)).resolves.toBeUndefined();
    mocks.overrides.set("azure-native:storage:getStorageAccount", () => {
      throw new Error("ResourceNotFound");
    });
    await expect(verifyDefaultStorageAccount(SHARED_IDS.storageAccountId)).rejects.toThrow(/stshared123' could not be read/);
  });
});

describe("Workspace on shared resources", () => {
  it("creates none of them and points the workspace at the shared ids", async () => {
    const ws = new components.Workspace("team-a", { resourceGroupName: "rg-team-a", shared: SHARED_IDS, nameSuffix: "abc123" });
    await promiseOf(ws.workspaceId);
    await settle();
    const types = mocks.registered.map((r) => r.type);
    for (const owned of [
      STORAGE,
      "azure-native:keyvault:Vault",
      "azure-native:containerregistry:Registry",
      "azure-native:operationalinsights:Workspace",
    ]) {
      expect(types).not.toContain(owned);
    }
    const [mlw] = mocks.ofType(WORKSPACE);
    expect(mlw.inputs).toMatchObject({
      storageAccount: SHARED_IDS.storageAccountId,
      keyVault: SHARED_IDS.keyVaultId,
      applicationInsights: SHARED_IDS.applicationInsightsId,
    });
    expect(mlw.inputs.containerRegistry).toBeUndefined();
    expect(mocks.ofType("azure-native:monitor:DiagnosticSetting")[0].inputs.workspaceId).toBe(SHARED_IDS.logAnalyticsWorkspaceId);
  });

  it("adds identity-based datastores on premium and HNS accounts", async () => {
    const ws = new components.Workspace("lake", {
      resourceGroupName: "rg",
      shared: SHARED_IDS,
      nameSuffix: "abc123",
      datastores: [
        {
          name: "raw",
          type: "adlsgen2",
          container: "raw",
          create: { skuName: "Premium_LRS", kind: "BlockBlobStorage", isHnsEnabled: true },
        },
      ],
    });
    await promiseOf(ws.workspaceId);
    await settle();
    const [st] = mocks.ofType(STORAGE);
    expect(st.inputs).toMatchObject({ sku: { name: "Premium_LRS" }, isHnsEnabled: true, allowBlobPublicAccess: false });
    const [ds] = mocks.ofType("azure-native:machinelearningservices:Datastore");
    expect(ds.inputs.properties).toMatchObject({
      datastoreType: "AzureDataLakeGen2",
      filesystem: "raw",
      credentials: { credentialsType: "None" },
    });
  });
});
