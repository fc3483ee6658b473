import { formatValue, renderText, textStyle, treeRows, wrap } from "../../../tools/preview/report/text";
import type { RecordedResource, StackResult } from "../../../tools/preview/shared/types";
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "../../../tools/preview/shared/types";

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
    expect(text).toContain('    id   : "/x"\n    key  : [secret]\n    later: output<string>\n');
    expect(text).toContain(
      "Policy violations: 1 (1 mandatory)\n    [mandatory] aml-default-storage-not-premium (azure-ml-workspaces@0.1.0) on\n        azure-native:machinelearningservices:Workspace ws\n",
    );
    expect(text).toContain("        Default storage must not be premium.\n        Account st is Premium_LRS.\n");
  });

  it("shows a failed stack's error, says its policies were not checked, and ends with a failed-run line", () => {
    const text = renderText({ stacks: [{ project: "p", stack: "bad", resources: [], outputs: {}, violations: [], error: "boom" }] });
    expect(text).toBe(
      "Previewing stack 'bad' (project 'p')\n\nResources: + 0 to create\nerror: boom\nPolicies: not checked (the program failed)\n\n" +
        "The check failed: 1 of 1 stacks failed (bad).\n",
    );
  });

  it("lists each config issue once", () => {
    const issues = ["config a = 1: bad (and 1 more issue)", "config b = 2: worse"];
    const text = renderText({
      stacks: [{ project: "p", stack: "bad", resources: [], outputs: {}, violations: [], error: issues[0], issues }],
    });
    expect(text.split("\n").filter((l) => l.includes("config a = 1"))).toHaveLength(1);
    expect(text).toContain("error: 2 issues:\n    config a = 1: bad (and 1 more issue)\n    config b = 2: worse\n");
  });

  it("never says 'no violations' when no pack ran or the pack failed", () => {
    const clean = { project: "p", stack: "dev", resources: [], outputs: {}, violations: [] };
    expect(renderText({ stacks: [clean], policy: { status: "off", reason: "--no-policy" } })).toContain(
      "Policies: not checked (--no-policy)",
    );
    const failed = renderText({
      stacks: [{ ...clean, policyChecked: false }],
      error: "policy check failed: x",
      policy: { status: "failed", reason: "x" },
    });
    expect(failed).not.toMatch(/violations: none/);
    expect(failed).toMatch(/The check failed: policy check failed: x\.\n$/);
    expect(renderText({ stacks: [clean], policy: { status: "checked" } })).toContain("Policy violations: none");
  });

  it("lists mandatory violations first and wraps lines to the width", () => {
    const advisory = { ...stack.violations[0], enforcementLevel: "advisory", policy: "adv", message: "word ".repeat(60) };
    const text = renderText({ stacks: [{ ...stack, violations: [advisory, stack.violations[0]] }] });
    expect(text.indexOf("[mandatory]")).toBeLessThan(text.indexOf("[advisory]"));
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    expect(wrap("aaaa bbbb cccc dddd eeee", "  ", 14)).toEqual(["  aaaa bbbb cccc dddd", "  eeee"]);
  });

  it("colours only on a terminal without NO_COLOR or --no-color", () => {
    const tty = { isTTY: true, columns: 120 } as NodeJS.WriteStream;
    const saved = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      expect(textStyle(false, tty).red("x")).toBe("\u001b[31mx\u001b[0m");
      expect(textStyle(true, tty).red("x")).toBe("x");
      expect(textStyle(false, { isTTY: false } as NodeJS.WriteStream).red("x")).toBe("x");
      process.env.NO_COLOR = "1";
      expect(textStyle(false, tty).red("x")).toBe("x");
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });

  it("truncates long values and shows unknowns and preview-assigned ids as the engine does", () => {
    expect(formatValue("x".repeat(500)).length).toBe(200);
    expect(formatValue({ a: UNKNOWN_VALUE })).toBe('{"a":"output<string>"}');
    expect(formatValue({ id: "/subscriptions/0/x" }, 200, new Set(["/subscriptions/0/x"]))).toBe('{"id":"output<string>"}');
  });
});
