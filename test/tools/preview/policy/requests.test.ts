import { analyzeRequests, plainProperties, seconds, stackResources, urnName, urnType } from "../../../../tools/preview/policy/requests";
import { SECRET_SIG, SIG_KEY } from "../../../../tools/preview/worker/wire";
import { fakeStack, STACK_URN } from "./fakeStack";

const stack = fakeStack([
  { type: "pulumi:providers:azure-native", name: "westeu", inputs: { location: "westeurope" } },
  { type: "acme:ml:Hub", name: "hub", custom: false },
  {
    type: "azure-native:storage:StorageAccount",
    name: "st",
    parent: "hub",
    protect: true,
    inputs: { kind: "StorageV2", __defaults: [], gone: undefined },
  },
  { type: "azure-native:keyvault:Vault", name: "kv", provider: "westeu" },
  {
    type: "azure-native:machinelearningservices:Workspace",
    name: "ws",
    parent: "hub",
    dependsOn: ["kv"],
    propertyDependencies: { storageAccount: ["st"], keyVault: ["kv"] },
  },
]);
const byName = (name: string) => analyzeRequests(stack).find((r) => r.name === name)!;

describe("URN parts", () => {
  it("reads the name and the unqualified type", () => {
    const urn = "urn:pulumi:dev::p::acme:ml:Hub$azure-native:storage:StorageAccount::st::odd";
    expect(urnName(urn)).toBe("st::odd");
    expect(urnType(urn)).toBe("azure-native:storage:StorageAccount");
  });
});

describe("analyzeRequests", () => {
  it("sends every registration like the engine: stack, components, providers and custom resources", () => {
    expect(analyzeRequests(stack).map((r) => r.type)).toEqual([
      "pulumi:pulumi:Stack",
      "pulumi:providers:azure-native",
      "acme:ml:Hub",
      "azure-native:storage:StorageAccount",
      "azure-native:keyvault:Vault",
      "azure-native:machinelearningservices:Workspace",
    ]);
  });

  it("carries protect and parent as options", () => {
    expect(byName("st").options).toEqual({ protect: true, parent: stack.resources[2].urn });
    expect(analyzeRequests(stack)[0].options).toEqual({ protect: false, parent: "" });
  });

  it("drops internal keys and undefined values from the properties", () => {
    expect(byName("st").properties).toEqual({ kind: "StorageV2" });
  });

  it("attaches an explicit provider with its inputs, else the package's default provider", () => {
    expect(byName("kv").provider).toEqual({
      urn: stack.resources[1].urn,
      type: "pulumi:providers:azure-native",
      name: "westeu",
      properties: { location: "westeurope" },
    });
    expect(byName("st").provider).toEqual({
      urn: "urn:pulumi:dev::checks::pulumi:providers:azure-native::default",
      type: "pulumi:providers:azure-native",
      name: "default",
      properties: {},
    });
  });

  it("attaches no provider to the stack, components and providers", () => {
    expect(["checks-dev", "westeu", "hub"].map((n) => byName(n).provider)).toEqual([undefined, undefined, undefined]);
  });
});

describe("stackResources", () => {
  it("adds parent, dependencies and non-empty property dependencies, using the analyzed properties", () => {
    const analyzed = analyzeRequests(stack).map((r) => (r.name === "ws" ? { ...r, properties: { remediated: true } } : r));
    const ws = stackResources(stack, analyzed).find((r) => r.name === "ws")!;
    expect(ws.parent).toBe(stack.resources[2].urn);
    expect(ws.properties).toEqual({ remediated: true });
    expect(ws.dependencies).toEqual(expect.arrayContaining([byName("kv").urn, byName("st").urn]));
    expect(ws.propertyDependencies).toEqual({ storageAccount: [byName("st").urn], keyVault: [byName("kv").urn] });
    expect(stackResources(stack, analyzeRequests(stack))[0]).toMatchObject({ urn: STACK_URN, parent: "" });
  });

  it("skips property dependencies without URNs", () => {
    const withEmpty = fakeStack([{ type: "azure-native:storage:StorageAccount", name: "st" }]);
    withEmpty.resources[1].propertyDependencies = { kind: [] };
    expect(stackResources(withEmpty, analyzeRequests(withEmpty))[1].propertyDependencies).toEqual({});
  });
});

describe("plainProperties", () => {
  it("keeps internal keys when asked (Remediate sees them) and never returns non-JSON values", () => {
    expect(plainProperties({ __meta: 1, when: new Date(0), n: NaN }, false)).toEqual({
      __meta: 1,
      when: "1970-01-01T00:00:00.000Z",
      n: null,
    });
  });
});

describe("what the engine sends beyond inputs", () => {
  const secretSku = { [SIG_KEY]: SECRET_SIG, value: { name: "Premium_LRS" } };
  const recorded = fakeStack([{ type: "azure-native:storage:StorageAccount", name: "st", inputs: { kind: "StorageV2", sku: "[secret]" } }]);
  const st = { ...recorded.resources[1] };
  st.secretInputs = { sku: secretSku };
  st.options = {
    ignoreChanges: ["tags"],
    deleteBeforeReplace: true,
    additionalSecretOutputs: ["keys"],
    aliases: [{ urn: "urn:pulumi:dev::checks::azure-native:storage:StorageAccount::old" }, { name: "older" }],
    customTimeouts: { create: "1h30m", delete: "90s" },
  };
  const [, request] = analyzeRequests({ ...recorded, resources: [recorded.resources[0], st] });

  it("sends secret inputs as the plain value marked secret, never the report's placeholder", () => {
    expect(request.properties).toEqual({ kind: "StorageV2", sku: secretSku });
  });

  it("sends the recorded options the analyzer protocol carries (URN aliases, timeouts in seconds)", () => {
    expect(request.options).toEqual({
      protect: false,
      parent: STACK_URN,
      ignoreChanges: ["tags"],
      deleteBeforeReplace: true,
      additionalSecretOutputs: ["keys"],
      aliases: ["urn:pulumi:dev::checks::azure-native:storage:StorageAccount::old"],
      customTimeouts: { create: 5400, update: 0, delete: 90 },
    });
    expect(seconds("2h")).toBe(7200);
    expect(seconds("1.5s")).toBe(1.5);
    expect(seconds(undefined)).toBe(0);
  });
});
