/**
 * The policy check against the project's real pack (policies/), with hand-built stacks: the default-storage
 * contract (policy names, levels, attribution) as a reviewer would see it from `npm run preview`.
 */
import * as path from "path";
import { startPolicyStage, type PolicyStage } from "../../../../tools/preview/policy/stage";
import type { StackResult, Violation } from "../../../../tools/preview/shared/types";
import { fakeStack, type ResourceSpec } from "./fakeStack";

const PACK = path.resolve(__dirname, "../../../../policies");
const STORAGE = "azure-native:storage:StorageAccount";
const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const DATASTORE = "azure-native:machinelearningservices:Datastore";
const DEFAULT_STORAGE_POLICIES = [
  "aml-default-storage-not-premium",
  "aml-default-storage-no-hns",
  "aml-default-storage-supported-kind",
  "aml-default-storage-verifiable",
];

const account = (name: string, inputs: Record<string, unknown>): ResourceSpec => ({
  type: STORAGE,
  name,
  inputs: { accountName: name, resourceGroupName: "rg", kind: "StorageV2", sku: { name: "Standard_LRS" }, ...inputs },
});
const workspace = (name: string, storage: string, inputs: Record<string, unknown> = {}): ResourceSpec => ({
  type: WORKSPACE,
  name,
  inputs: {
    workspaceName: name,
    resourceGroupName: "rg",
    kind: "Default",
    storageAccount: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${storage}`,
    ...inputs,
  },
  propertyDependencies: { storageAccount: [storage] },
});
const storageViolations = (vs: Violation[]) => vs.filter((v) => DEFAULT_STORAGE_POLICIES.includes(v.policy));
const urnOfName = (stack: StackResult, name: string) => stack.resources.find((r) => r.name === name)!.urn;

describe("the real policy pack through startPolicyStage", () => {
  let stage: PolicyStage;
  const check = {
    checkStack: async (stack: StackResult) => {
      await stage.check(stack);
      return stack;
    },
  };
  beforeAll(() => {
    stage = startPolicyStage(PACK);
  });
  afterAll(async () => {
    await stage?.close();
  });

  it.each([
    ["a premium", { sku: { name: "Premium_LRS" } }, "aml-default-storage-not-premium"],
    ["a PremiumV2", { sku: { name: "premiumv2_lrs" } }, "aml-default-storage-not-premium"],
    ["an HNS", { isHnsEnabled: true }, "aml-default-storage-no-hns"],
    ["a BlobStorage", { kind: "BlobStorage" }, "aml-default-storage-supported-kind"],
  ])("flags %s default storage once, as mandatory, on the workspace", async (_label, inputs, policy) => {
    const stack = fakeStack([account("stbad", inputs), workspace("ws", "stbad")]);
    const found = storageViolations((await check.checkStack(stack)).violations);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      policy,
      policyPack: "azure-ml-workspaces",
      enforcementLevel: "mandatory",
      urn: urnOfName(stack, "ws"),
    });
    expect(found[0].message).toContain("ws");
    expect(found[0].message).toContain("stbad");
  });

  it("never flags premium or HNS accounts used only as datastores next to a standard default", async () => {
    const stack = fakeStack([
      account("stdefault", {}),
      account("stpremium", { sku: { name: "Premium_ZRS" }, kind: "BlockBlobStorage" }),
      account("stlake", { isHnsEnabled: true }),
      workspace("ws", "stdefault"),
      {
        type: DATASTORE,
        name: "premium-store",
        inputs: { workspaceName: "ws", datastoreProperties: { datastoreType: "AzureBlob", accountName: "stpremium" } },
        propertyDependencies: { workspaceName: ["ws"], datastoreProperties: ["stpremium"] },
      },
      {
        type: DATASTORE,
        name: "lake-store",
        inputs: { workspaceName: "ws", datastoreProperties: { datastoreType: "AzureDataLakeGen2", accountName: "stlake" } },
        propertyDependencies: { workspaceName: ["ws"], datastoreProperties: ["stlake"] },
      },
    ]);
    const { violations } = await check.checkStack(stack);
    expect(storageViolations(violations)).toEqual([]);
    expect(violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("checks a hub's default storage and never flags its project", async () => {
    const stack = fakeStack([
      account("sthub", { sku: { name: "Premium_LRS" } }),
      workspace("hub", "sthub", { kind: "Hub" }),
      {
        type: WORKSPACE,
        name: "project",
        inputs: { workspaceName: "project", resourceGroupName: "rg", kind: "Project", hubResourceId: "/subscriptions/0/hub" },
        propertyDependencies: { hubResourceId: ["hub"] },
      },
    ]);
    const found = storageViolations((await check.checkStack(stack)).violations);
    expect(found.map((v) => [v.policy, v.urn])).toEqual([["aml-default-storage-not-premium", urnOfName(stack, "hub")]]);
  });

  it("reports default storage outside the stack as unverifiable, advisory by default", async () => {
    const stack = fakeStack([
      {
        type: WORKSPACE,
        name: "ws",
        inputs: {
          kind: "Default",
          storageAccount: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/external",
        },
      },
    ]);
    const found = storageViolations((await check.checkStack(stack)).violations);
    expect(found.map((v) => [v.policy, v.enforcementLevel, v.urn])).toEqual([
      ["aml-default-storage-verifiable", "advisory", urnOfName(stack, "ws")],
    ]);
  });
});
