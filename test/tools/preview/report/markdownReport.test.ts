import { COMMENT_LIMIT, renderMarkdown } from "../../../../tools/preview/report/markdownReport";
import type { PreviewResult, StackResult } from "../../../../tools/preview/shared/types";
import { fakeStack, fakeViolation as violation } from "../policy/fakeStack";
import { unbalancedHtml } from "./htmlBalance";

function hubStack(): StackResult {
  const stack = fakeStack([
    { type: "acme:ml:Hub", name: "hub", custom: false },
    { type: "azure-native:storage:StorageAccount", name: "st", parent: "hub" },
    { type: "azure-native:machinelearningservices:Workspace", name: "ws", parent: "hub", propertyDependencies: { storageAccount: ["st"] } },
  ]);
  stack.violations = [
    violation(stack.resources[3].urn),
    violation(stack.resources[2].urn, { policy: "aml-storage-tls", enforcementLevel: "advisory", message: "TLS | 1.2" }),
  ];
  return stack;
}

/** `count` stacks of `perStack` storage accounts, each flagged, with an idle-cost list per workspace. */
function bigResult(count: number, perStack: number, level: string): PreviewResult {
  const stacks = Array.from({ length: count }, (_, s) => {
    const stack = fakeStack(Array.from({ length: perStack }, (_, i) => ({ type: "azure-native:storage:StorageAccount", name: `st${i}` })));
    stack.stack = `s${s}`;
    stack.violations = stack.resources
      .slice(1)
      .map((r) => violation(r.urn, { enforcementLevel: level, message: `${"x".repeat(150)} ${r.name}` }));
    const item = {
      resource: "storage",
      ownership: "dedicated",
      note: "billed for the data it holds",
      pricing: "https://azure.microsoft.com/pricing/details/storage/blobs/",
    };
    stack.outputs = {
      workspaces: Object.fromEntries(Array.from({ length: perStack }, (_, i) => [`w${i}`, { idleCosts: { items: [item, item] } }])),
    };
    return stack;
  });
  return { stacks, policy: { status: "checked" } };
}

describe("renderMarkdown", () => {
  it("puts the summary first: headline, a row per stack, then the mandatory violations with stack, resource and type", () => {
    const md = renderMarkdown({ stacks: [hubStack()], policy: { status: "checked" } });
    const lines = md.split("\n");
    expect(lines[2]).toBe("❌ **Mandatory policy violations**: 1 stack · 1 mandatory · 1 advisory");
    expect(md).toContain("| `checks/dev` | ❌ | 1 | 1 | 4 |");
    expect(md).toContain(
      "| `checks/dev` | 🔴 mandatory | `aml-default-storage-not-premium` | `ws` (machinelearningservices:Workspace) | Default storage must not be premium.<br>Workspace 'ws' uses 'st'. |",
    );
    // Advisory rows are folded below the summary.
    expect(md.indexOf("🟡 advisory")).toBeGreaterThan(md.indexOf("<details>"));
    expect(md).toContain("| 🟡 advisory | `aml-storage-tls` | `st` (storage:StorageAccount) | TLS \\| 1.2 |");
    expect(unbalancedHtml(md)).toEqual([]);
  });

  it("says the check failed, in the headline, when the pack failed or a stack did not preview", () => {
    const packFailed = renderMarkdown({
      stacks: [fakeStack([])],
      error: "policy check failed: policy pack exited with code 7",
      policy: { status: "failed", reason: "policy pack exited with code 7" },
    });
    expect(packFailed.split("\n")[2]).toMatch(/^💥 \*\*The check failed\*\*: policy check failed: policy pack exited with code 7/);
    expect(packFailed).not.toMatch(/no mandatory policy violations/i);
    expect(packFailed).toContain("| `checks/dev` | ⚠️ not checked |");
    const failed: StackResult = {
      ...fakeStack([]),
      stack: "prod",
      resources: [],
      error: "config a = 1: bad",
      issues: ["config a = 1: bad", "config b = 2: worse"],
    };
    const md = renderMarkdown({ stacks: [failed], policy: { status: "checked" } });
    expect(md.split("\n")[2]).toMatch(/^💥 \*\*The check failed: 1 stack did not preview\*\*/);
    expect(md).toContain("  - config b = 2: worse");
  });

  it("never claims a clean result when no pack ran", () => {
    const md = renderMarkdown({ stacks: [fakeStack([])], policy: { status: "off", reason: "--no-policy" } });
    expect(md.split("\n")[2]).toMatch(/^⚠️ \*\*Policies not checked\*\*/);
    expect(md).not.toMatch(/no mandatory policy violations/i);
  });

  it.each([
    ["many advisory", bigResult(5, 400, "advisory")],
    ["many mandatory", bigResult(30, 60, "mandatory")],
  ])("%s: stays under GitHub's limit, balanced, counting what it leaves out and pointing at the JSON report", (_name, result) => {
    const md = renderMarkdown(result);
    expect(md.length).toBeLessThan(COMMENT_LIMIT);
    expect(unbalancedHtml(md)).toEqual([]);
    const note = /_Left out to stay under GitHub's 65,536-character limit: (.*)\. The JSON report has everything/.exec(md);
    expect(note).not.toBeNull();
    const shownMandatory = md.split("\n").filter((l) => l.includes("🔴 mandatory")).length;
    const total = result.stacks.reduce((n, s) => n + s.violations.length, 0);
    const leftOut = Number(/(\d+) (mandatory|other) violations?/.exec(note![1])?.[1] ?? 0);
    const shown = md.split("\n").filter((l) => /🔴 mandatory|🟡 advisory/.test(l)).length;
    expect(shown + leftOut).toBe(total);
    expect(shownMandatory).toBeLessThanOrEqual(total);
  });
});
