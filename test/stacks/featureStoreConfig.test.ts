import { formatConfigIssue, validateConfig } from "../../stacks/validate";
import { accessPlan } from "../../stacks/accessPlan";

/** docs/azure-rules/workspaces.md AZ-WS-07, docs/azure-rules/identity-and-access.md AZ-ACCESS-09 */
const lake = { name: "features", type: "adlsgen2", container: "offline", create: { skuName: "Standard_LRS" } };
const store = (more: Record<string, unknown> = {}) => ({
  name: "fs",
  datastores: [lake, { name: "raw", container: "raw", create: {} }],
  featureStore: { offlineStoreDatastore: "features" },
  ...more,
});
const lines = (raw: Record<string, unknown>) => validateConfig(raw).issues.map(formatConfigIssue);

describe("AZ-WS-07 feature store config", () => {
  it("accepts an ADLS Gen2 datastore as the offline store", () => {
    expect(lines({ workspaces: [store()] })).toEqual([]);
  });

  it("refuses an offline store that is a blob datastore or no datastore, naming the key", () => {
    expect(lines({ workspaces: [store({ featureStore: { offlineStoreDatastore: "raw" } })] })).toEqual([
      'config azure-ml-workspaces:workspaces[0].featureStore.offlineStoreDatastore = "raw": the offline store is an ADLS Gen2 container: the datastore needs type: adlsgen2',
    ]);
    expect(lines({ workspaces: [store({ featureStore: { offlineStoreDatastore: "nope" } })] })[0]).toMatch(
      /featureStore\.offlineStoreDatastore = "nope": must name one of this workspace's datastores/,
    );
  });

  it("still refuses an HNS account as the feature store's default storage", () => {
    expect(lines({ workspaces: [store({ storage: { isHnsEnabled: true } })] })[0]).toMatch(
      /^config azure-ml-workspaces:workspaces\[0\]\.storage/,
    );
  });

  it("refuses featureStore on a hub (only workspaces are feature stores)", () => {
    expect(lines({ hubs: [{ name: "hb", featureStore: { offlineStoreDatastore: "features" } }] })[0]).toMatch(/hubs\[0\]\.featureStore/);
  });
});

describe("AZ-ACCESS-09 materialization identity grants", () => {
  it("grants the materialization identity AzureML Data Scientist on the store and Blob Data Contributor on the offline store's account", () => {
    const { config } = validateConfig({ workspaces: [store()] });
    const grants = accessPlan(config!).filter((g) => g.identity === "materialization");
    expect(grants).toEqual([
      expect.objectContaining({ role: "AzureML Data Scientist", target: { kind: "self", owner: { kind: "workspace", name: "fs" } } }),
      expect.objectContaining({
        role: "Storage Blob Data Contributor",
        target: { kind: "datastoreAccount", owner: { kind: "workspace", name: "fs" }, datastore: "features" },
        identityOf: { kind: "workspace", name: "fs" },
      }),
    ]);
  });

  it("grants nothing to a workspace without featureStore, and keeps the grants while suspended", () => {
    const plain = validateConfig({ workspaces: [store({ featureStore: undefined })] }).config!;
    expect(accessPlan(plain).filter((g) => g.identity === "materialization")).toEqual([]);
    const suspended = validateConfig({ workspaces: [store({ suspended: true })] }).config!;
    expect(accessPlan(suspended).filter((g) => g.identity === "materialization")).toHaveLength(2);
  });
});
