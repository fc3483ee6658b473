/**
 * The compute quota a stack asks for, as the program reports it in its `computeQuota` stack output (per workspace or
 * hub: computes, clusters with their node range, nodes per VM size and priority; and a stack total). The preview
 * shows it as its own field and section so that reviewers can compare it with the subscription's quota before
 * `pulumi up` fails on it. A program without that output has no quota section.
 */
import type { Wrap } from "./idleCosts";

export interface QuotaNodes {
  vmSize: string;
  priority: string;
  maxNodes: number;
}

export interface EntryQuota {
  computes: number;
  clusters: { name: string; vmSize: string; priority: string; minNodes: number; maxNodes: number }[];
  instances: { name: string; vmSize: string }[];
  nodesByVmSize: QuotaNodes[];
  maxNodes: { dedicated: number; lowPriority: number };
}

export interface StackQuota {
  entries: Record<string, EntryQuota>;
  total: { computes: number; nodesByVmSize: QuotaNodes[]; maxNodes: { dedicated: number; lowPriority: number } };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The stack's quota summary, when its outputs carry one of the expected shape. */
export function stackQuota(outputs: Record<string, unknown>): StackQuota | undefined {
  const quota = outputs.computeQuota;
  if (!isObject(quota) || !isObject(quota.entries) || !isObject(quota.total)) return undefined;
  return quota as unknown as StackQuota;
}

const nodesText = (nodes: QuotaNodes[]) =>
  nodes.map((n) => `${n.vmSize} ${n.priority === "LowPriority" ? "low-priority" : "dedicated"} ≤ ${n.maxNodes}`).join(", ");

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line per workspace or hub, then the stack total. */
function quotaLines(quota: StackQuota): { owner: string; text: string }[] {
  const lines = Object.entries(quota.entries).map(([owner, q]) => ({
    owner,
    text: `${plural(q.computes, "compute")}; nodes at most: ${nodesText(q.nodesByVmSize)}`,
  }));
  const t = quota.total;
  lines.push({
    owner: "total",
    text: `${plural(t.computes, "compute")}; ${t.maxNodes.dedicated} dedicated and ${t.maxNodes.lowPriority} low-priority nodes at most`,
  });
  return lines;
}

/** The stack's `quota` section (from `StackResult.quota`), or nothing. */
export function renderQuotaText(quota: StackQuota | undefined, wrap: Wrap): string[] {
  if (!quota) return [];
  return [
    "Compute quota asked for (cores = nodes × the VM size's vCPUs, per VM family):",
    ...quotaLines(quota).flatMap((l) => wrap(`${l.owner}: ${l.text}`, "    ")),
  ];
}

export const QUOTA_HEAD = ["| Workspace | Compute quota asked for |", "|---|---|"];

export function quotaMarkdownRows(quota: StackQuota | undefined, escapeCell: (text: string) => string): string[] {
  return quota ? quotaLines(quota).map((l) => `| ${escapeCell(l.owner)} | ${escapeCell(l.text)} |`) : [];
}
