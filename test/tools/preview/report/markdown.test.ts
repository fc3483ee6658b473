import { escapeCell, escapeMermaid, renderGraph, transitiveReduction } from "../../../../tools/preview/report/markdown";
import type { StackResult } from "../../../../tools/preview/shared/types";
import { fakeStack, fakeViolation as violation, type ResourceSpec } from "../policy/fakeStack";

function hubStack(): StackResult {
  const stack = fakeStack([
    { type: "acme:ml:Hub", name: "hub", custom: false },
    { type: "azure-native:storage:StorageAccount", name: "st", parent: "hub" },
    { type: "azure-native:keyvault:Vault", name: "kv", parent: "hub" },
    { type: "azure-native:authorization:RoleAssignment", name: "grant", parent: "kv" },
    {
      type: "azure-native:machinelearningservices:Workspace",
      name: "ws",
      parent: "hub",
      propertyDependencies: { storageAccount: ["st"], keyVault: ["kv"] },
    },
  ]);
  stack.violations = [
    violation(stack.resources[5].urn),
    violation(stack.resources[3].urn, { policy: "aml-keyvault-rbac", enforcementLevel: "advisory", message: "RBAC" }),
  ];
  return stack;
}

describe("escaping", () => {
  it("keeps table cells intact: pipes escaped, HTML literal, newlines as <br>", () => {
    expect(escapeCell("a | b <script>&\nnext")).toBe("a \\| b &lt;script&gt;&amp;<br>next");
  });

  it("uses Mermaid entity codes for quotes, angle brackets and #", () => {
    expect(escapeMermaid('say "hi" <b> #1\nx')).toBe("say #quot;hi#quot; #lt;b#gt; #35;1 x");
  });
});

describe("renderGraph", () => {
  it("draws components as subgraphs, dependency edges, and marks offending resources", () => {
    const graph = renderGraph(hubStack()).join("\n");
    expect(graph).toMatch(/^```mermaid\nflowchart LR\n {2}subgraph r1\["hub \(ml:Hub\)"\]\n/);
    expect(graph).toContain('    r5["ws (machinelearningservices:Workspace)"]');
    expect(graph).toContain("  r2 --> r5");
    expect(graph).toContain("  r3 --> r5");
    // A custom resource under another custom resource is linked to its parent.
    expect(graph).toContain("  r3 -.- r4");
    expect(graph).toContain("  class r5 mandatory");
    expect(graph).toContain("  class r3 advisory");
    // The stack itself is the canvas, not a node.
    expect(graph).not.toMatch(/\br0\b/);
  });

  it("links a component (subgraph) to the resources that depend on it, but never to its own children", () => {
    const stack = fakeStack([
      { type: "acme:ml:Hub", name: "hub", custom: false },
      { type: "azure-native:storage:StorageAccount", name: "st", parent: "hub", dependsOn: ["hub"] },
      { type: "azure-native:machinelearningservices:Workspace", name: "outside", dependsOn: ["hub"] },
    ]);
    const edges = renderGraph(stack).filter((l) => l.includes("-->"));
    expect(edges).toEqual(["  r1 --> r3"]);
  });

  it("drops dependency edges implied by longer paths and shortens index-module types", () => {
    expect(
      transitiveReduction([
        ["a", "b"],
        ["b", "c"],
        ["a", "c"],
        ["c", "d"],
        ["a", "d"],
      ]),
    ).toEqual([
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
    ]);
    const stack = fakeStack([
      { type: "azure-native:resources:ResourceGroup", name: "rg" },
      { type: "azure-native:storage:StorageAccount", name: "st", dependsOn: ["rg"] },
      { type: "azure-native:machinelearningservices:Workspace", name: "ws", dependsOn: ["rg", "st"] },
      { type: "azuread:index/group:Group", name: "team" },
    ]);
    const graph = renderGraph(stack);
    expect(graph.filter((l) => l.includes("-->"))).toEqual(["  r1 --> r2", "  r2 --> r3"]);
    expect(graph).toContain('  r4["team (azuread:Group)"]');
  });

  it("keeps big stacks readable: only offending resources and their neighbours", () => {
    const specs: ResourceSpec[] = Array.from({ length: 80 }, (_, i) => ({ type: "azure-native:storage:StorageAccount", name: `st${i}` }));
    specs.push({ type: "azure-native:machinelearningservices:Workspace", name: "ws", propertyDependencies: { storageAccount: ["st7"] } });
    const stack = fakeStack(specs);
    stack.violations = [violation(stack.resources[81].urn)];
    const nodes = renderGraph(stack).filter((l) => /^ {2}r\d+\[/.test(l));
    expect(nodes).toEqual(['  r8["st7 (storage:StorageAccount)"]', '  r81["ws (machinelearningservices:Workspace)"]']);
    stack.violations = [];
    expect(renderGraph(stack)).toEqual(["_Resource graph omitted: 82 resources._"]);
  });
});
