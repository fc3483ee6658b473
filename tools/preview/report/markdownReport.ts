/**
 * `--format markdown`: a PR comment / job summary that is complete and well-formed at any size. The summary comes
 * first (verdict, a row per stack, failures, mandatory violations); the rest is folded per stack (advisory
 * violations, remediations, idle costs, resource graph). Everything is added in that order while it fits GitHub's
 * comment limit; each folded block is added whole or not at all, so every HTML element is closed, and what is left
 * out is counted in a closing note that points at the JSON report.
 */
import { IDLE_COST_HEAD, idleCostMarkdownRows } from "./idleCosts";
import { QUOTA_HEAD, quotaMarkdownRows } from "./quota";
import { code, escapeCell, escapeText, LEVEL_ORDER, renderGraph, shortType } from "./markdown";
import type { PreviewResult, StackResult, Violation } from "../shared/types";

/** GitHub rejects comments (and job summaries) over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;
/** Kept free for the closing note. */
const NOTE_RESERVE = 700;
const LEVEL_ICON: Record<string, string> = { mandatory: "🔴", advisory: "🟡" };

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Characters left; `take` adds lines only if they all fit. */
class Budget {
  readonly lines: string[] = [];
  constructor(public left: number) {}
  take(...lines: string[]): boolean {
    const size = lines.reduce((n, l) => n + l.length + 1, 0);
    if (size > this.left) return false;
    this.left -= size;
    this.lines.push(...lines);
    return true;
  }
}

interface Omitted {
  stacks: number;
  mandatory: number;
  advisory: number;
  costRows: number;
  graphs: number;
  other: number;
}

const count = (violations: Violation[], level: string) => violations.filter((v) => v.enforcementLevel === level).length;

function headline(result: PreviewResult): string {
  const all = result.stacks.flatMap((s) => s.violations);
  const failed = result.stacks.filter((s) => s.error !== undefined).length;
  const mandatory = count(all, "mandatory");
  const totals = `${plural(result.stacks.length, "stack")} · ${mandatory} mandatory · ${count(all, "advisory")} advisory${failed ? ` · ${failed} failed` : ""}`;
  if (result.error !== undefined) return `💥 **The check failed**: ${escapeCell(result.error)} (${totals})`;
  if (failed > 0) return `💥 **The check failed: ${plural(failed, "stack")} did not preview** (${totals})`;
  if (result.policy?.status === "off") return `⚠️ **Policies not checked** (--no-policy): ${totals}`;
  if (mandatory > 0) return `❌ **Mandatory policy violations**: ${totals}`;
  return `✅ **No mandatory policy violations**: ${totals}`;
}

function stackState(stack: StackResult, result: PreviewResult): string {
  if (stack.error !== undefined) return stack.partial ? "💥 stopped (partial)" : "💥 failed";
  if (stack.policyChecked === false || result.policy?.status === "off" || result.policy?.status === "failed") return "⚠️ not checked";
  return count(stack.violations, "mandatory") > 0 ? "❌" : count(stack.violations, "advisory") > 0 ? "⚠️" : "✅";
}

function stackName(stack: StackResult): string {
  return code(`${stack.project}/${stack.stack}`);
}

function violationRow(stack: StackResult, v: Violation, withStack: boolean): string {
  const resource = stack.resources.find((r) => r.urn === v.urn);
  const where =
    v.urn === "" ? "(stack)" : resource ? `${code(resource.name)} (${escapeCell(shortType(resource.type))})` : escapeCell(v.urn);
  const level = `${LEVEL_ICON[v.enforcementLevel] ?? ""} ${v.enforcementLevel}`.trim();
  return `| ${withStack ? `${stackName(stack)} | ` : ""}${level} | ${code(v.policy)} | ${where} | ${escapeCell(v.message)} |`;
}

const byLevel = (a: Violation, b: Violation) =>
  (LEVEL_ORDER[a.enforcementLevel] ?? 9) - (LEVEL_ORDER[b.enforcementLevel] ?? 9) || a.policy.localeCompare(b.policy);

/** Adds rows while they fit; returns how many did not. */
function takeRows(budget: Budget, rows: string[]): number {
  let shown = 0;
  while (shown < rows.length && budget.take(rows[shown])) shown++;
  return rows.length - shown;
}

function summary(budget: Budget, result: PreviewResult, omitted: Omitted): void {
  budget.take("## Offline preview and policy check", "", headline(result), "");
  if (result.policy?.status === "failed") budget.take(`Policies were **not checked**: ${escapeCell(result.policy.reason ?? "")}`, "");
  budget.take("| Stack | Result | Mandatory | Advisory | Resources |", "|---|---|---|---|---|");
  const rows = result.stacks.map(
    (s) =>
      `| ${stackName(s)} | ${stackState(s, result)} | ${count(s.violations, "mandatory")} | ${count(s.violations, "advisory")} | ${s.resources.length}${s.partial ? " (partial)" : ""} |`,
  );
  omitted.stacks += takeRows(budget, rows);
  const failures = result.stacks.filter((s) => s.error !== undefined);
  if (failures.length > 0) {
    budget.take("", "**Failed stacks**", "");
    const lines = failures.flatMap((s) => [
      `- ${stackName(s)}: ${escapeText(s.error ?? "")}`,
      ...(s.issues ?? []).map((i) => `  - ${escapeText(i)}`),
    ]);
    omitted.other += takeRows(budget, lines);
  }
  const mandatory = result.stacks.flatMap((s) =>
    s.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => [s, v] as const),
  );
  if (
    mandatory.length > 0 &&
    budget.take("", "### Mandatory violations", "", "| Stack | Level | Policy | Resource | Message |", "|---|---|---|---|---|")
  ) {
    omitted.mandatory += takeRows(
      budget,
      mandatory.map(([s, v]) => violationRow(s, v, true)),
    );
  } else {
    omitted.mandatory += mandatory.length;
  }
}

/** A folded block: added whole, or not at all. */
function folded(budget: Budget, title: string, body: string[]): boolean {
  return budget.take("", `<details><summary>${title}</summary>`, "", ...body, "", "</details>");
}

/**
 * A folded table that keeps as many rows as fit in `share` of what is left (so later sections keep room too),
 * saying how many it leaves out.
 */
function foldedRows(budget: Budget, title: string, head: string[], rows: string[], share = 1): number {
  let shown = rows.length;
  const block = (n: number) => [
    ...head,
    ...rows.slice(0, n),
    ...(n < rows.length ? ["", `_…and ${rows.length - n} more, not shown._`] : []),
  ];
  // Halve until the block fits (the folding adds about 50 characters), then grow one row at a time.
  const size = (n: number) => block(n).reduce((a, l) => a + l.length + 1, 0) + title.length + 50;
  const room = Math.floor(budget.left * share);
  while (shown > 0 && size(shown) > room) shown = Math.floor(shown / 2);
  while (shown < rows.length && size(shown + 1) <= room) shown++;
  if (shown === 0 || !folded(budget, title, block(shown))) return rows.length;
  return rows.length - shown;
}

function stackDetails(budget: Budget, stack: StackResult, omitted: Omitted): void {
  const name = escapeText(`${stack.project}/${stack.stack}`);
  const rest = [...stack.violations].filter((v) => v.enforcementLevel !== "mandatory").sort(byLevel);
  if (rest.length > 0) {
    const head = ["| Level | Policy | Resource | Message |", "|---|---|---|---|"];
    const left = foldedRows(
      budget,
      `${name}: ${plural(rest.length, "other violation")}`,
      head,
      rest.map((v) => violationRow(stack, v, false)),
      0.6,
    );
    omitted.advisory += left;
  }
  if (stack.remediations?.length) {
    const byUrn = new Map(stack.resources.map((r) => [r.urn, r.name] as const));
    const rows = stack.remediations.map(
      (r) => `- ${code(r.policy, false)} on ${code(byUrn.get(r.urn) ?? r.urn, false)}: ${escapeText(r.description)}`,
    );
    omitted.other += foldedRows(budget, `${name}: ${plural(rows.length, "remediation")} applied before analysis`, [], rows, 0.5);
  }
  const costRows = idleCostMarkdownRows(stack.outputs, escapeCell);
  if (costRows.length > 0) {
    omitted.costRows += foldedRows(budget, `${name}: bills while idle (${plural(costRows.length, "item")})`, IDLE_COST_HEAD, costRows);
  }
  const quotaRows = quotaMarkdownRows(stack.quota, escapeCell);
  if (quotaRows.length > 0) omitted.other += foldedRows(budget, `${name}: compute quota asked for`, QUOTA_HEAD, quotaRows);
  const graph = stack.error !== undefined ? [] : renderGraph(stack);
  if (graph.length > 0) {
    const legend =
      "Components are boxes; arrows go from a dependency to the resource that uses it; flagged resources are red (mandatory) or yellow (advisory).";
    if (!folded(budget, `${name}: resource graph (${plural(stack.resources.length, "resource")})`, [legend, "", ...graph]))
      omitted.graphs++;
  }
}

function closingNote(omitted: Omitted): string[] {
  const parts = [
    omitted.stacks ? plural(omitted.stacks, "stack row") : "",
    omitted.mandatory ? plural(omitted.mandatory, "mandatory violation") : "",
    omitted.advisory ? plural(omitted.advisory, "other violation") : "",
    omitted.costRows ? plural(omitted.costRows, "idle-cost row") : "",
    omitted.graphs ? plural(omitted.graphs, "resource graph") : "",
    omitted.other ? plural(omitted.other, "other line") : "",
  ].filter(Boolean);
  if (parts.length === 0) return [];
  return [
    "",
    "---",
    `_Left out to stay under GitHub's ${COMMENT_LIMIT.toLocaleString("en-US")}-character limit: ${parts.join(", ")}. ` +
      "The JSON report has everything: `npm run preview -- --format json` (in CI, the `policy-preview-json` artifact)._",
  ];
}

/** The whole report, never over `limit` characters. */
export function renderMarkdown(result: PreviewResult, limit = COMMENT_LIMIT): string {
  const omitted: Omitted = { stacks: 0, mandatory: 0, advisory: 0, costRows: 0, graphs: 0, other: 0 };
  const budget = new Budget(limit - NOTE_RESERVE);
  summary(budget, result, omitted);
  for (const stack of result.stacks) stackDetails(budget, stack, omitted);
  return `${[...budget.lines, ...closingNote(omitted)].join("\n")}\n`;
}
