import { formatValue, renderText, treeRows } from "../../../tools/preview/textReport";
import type { RecordedResource, StackResult } from "../../../tools/preview/types";
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "../../../tools/preview/types";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
function res(name: string, type: string, parent: string | null, protect = false): RecordedResource {
  return {
    urn: name === "p-dev" ? STACK : `urn:pulumi:dev::p::${type}::${name}`,
    type,
    name,
    parent,
    custom: true,
    protect,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
  };
}

const hub = res("hub", "acme:ml:Hub", STACK);
const stack: StackResult = {
  project: "p",
  stack: "dev",
  resources: [
    res("p-dev", "pulumi:pulumi:Stack", null),
    hub,
    res("ws", "azure-native:machinelearningservices:Workspace", hub.urn, true),
    res("st", "azure-native:storage:StorageAccount", hub.urn),
    res("rg", "azure-native:resources:ResourceGroup", STACK),
  ],
  outputs: { id: "/x", key: SECRET_PLACEHOLDER, later: UNKNOWN_VALUE },
  violations: [
    {
      policy: "aml-default-storage-not-premium",
      policyPack: "azure-ml-workspaces",
      policyPackVersion: "0.1.0",
      enforcementLevel: "mandatory",
      urn: `urn:pulumi:dev::p::acme:ml:Hub$azure-native:machinelearningservices:Workspace::ws`,
      message: "Default storage must not be premium.\nAccount st is Premium_LRS.",
    },
  ],
};

describe("renderText", () => {
  it("draws the parent tree in registration order with protection markers", () => {
    const rows = treeRows(stack.resources.map((r) => ({ ...r, marker: "+" as const, note: "" })));
    expect(rows.map((r) => r.prefix + r.node.name)).toEqual(["p-dev", "├─ hub", "│  ├─ ws", "│  └─ st", "└─ rg"]);
    const text = renderText({ stacks: [stack] });
    expect(text).toMatch(/ \+ {3}│ {2}├─ azure-native:machinelearningservices:Workspace +ws +\[protected\]\n/);
    expect(text).toContain("Resources: + 5 to create");
  });

  it("prints outputs (secrets and unknowns readable) and each violation with its message lines", () => {
    const text = renderText({ stacks: [stack] });
    expect(text).toContain('    id   : "/x"\n    key  : [secret]\n    later: (unknown until up)\n');
    expect(text).toContain(
      "Policy violations: 1\n    [mandatory] aml-default-storage-not-premium (azure-ml-workspaces@0.1.0) on azure-native:machinelearningservices:Workspace ws\n",
    );
    expect(text).toContain("        Default storage must not be premium.\n        Account st is Premium_LRS.\n");
  });

  it("shows a failed stack's error instead of the policy summary", () => {
    const text = renderText({ stacks: [{ project: "p", stack: "bad", resources: [], outputs: {}, violations: [], error: "boom" }] });
    expect(text).toBe("Previewing stack 'bad' (project 'p')\n\nResources: + 0 to create\nerror: boom\n");
  });

  it("truncates long values", () => {
    expect(formatValue("x".repeat(500)).length).toBe(200);
    expect(formatValue({ a: UNKNOWN_VALUE })).toBe('{"a":"(unknown until up)"}');
  });
});
