import { quotaSummary } from "../../../../stacks/computeQuota";
import type { StackConfig } from "../../../../stacks/config";
import { renderMarkdown } from "../../../../tools/preview/report/markdownReport";
import { stackQuota } from "../../../../tools/preview/report/quota";
import { PLAIN, renderText } from "../../../../tools/preview/report/text";
import { fakeStack } from "../policy/fakeStack";

// The program's own summary, so the report is tested against the shape the program really emits.
const config = {
  workspaces: [
    {
      name: "team-a",
      computes: {
        clusters: [
          { name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 4 },
          { name: "spot", vmSize: "Standard_NC6s_v3", maxNodes: 2, lowPriority: true },
        ],
      },
    },
    { name: "team-b" },
  ],
} as unknown as StackConfig;
const outputs = { computeQuota: quotaSummary(config), workspaceId: "/x" };
const stack = { ...fakeStack([]), quota: stackQuota(outputs) };

it("reads the program's computeQuota output, and nothing from a program without one", () => {
  expect(Object.keys(stackQuota(outputs)?.entries ?? {})).toEqual(["team-a"]);
  expect(stackQuota({ computeQuota: "4 nodes" })).toBeUndefined();
  expect(stackQuota({})).toBeUndefined();
  expect(renderText({ stacks: [fakeStack([])] })).not.toContain("Compute quota");
});

it("shows nodes per VM size and priority per workspace, and the stack total", () => {
  const lines = renderText({ stacks: [stack] }, { ...PLAIN, width: 140 }).split("\n");
  expect(lines).toContain("Compute quota asked for (cores = nodes × the VM size's vCPUs, per VM family):");
  expect(lines).toContain("    team-a: 2 computes; nodes at most: Standard_DS3_v2 dedicated ≤ 4, Standard_NC6s_v3 low-priority ≤ 2");
  expect(lines).toContain("    total: 2 computes; 4 dedicated and 2 low-priority nodes at most");
});

it("renders one markdown row per workspace plus the total", () => {
  const rows = renderMarkdown({ stacks: [stack] })
    .split("\n")
    .filter((l) => /^\| (team-a|total) \|/.test(l));
  expect(rows).toHaveLength(2);
  expect(rows[1]).toBe("| total | 2 computes; 4 dedicated and 2 low-priority nodes at most |");
});
