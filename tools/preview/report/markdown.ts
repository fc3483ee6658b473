/**
 * `--format markdown`: a PR comment / job summary. Per stack a summary line, a table of violations, remediations,
 * and a Mermaid flowchart of the resources (components as subgraphs, custom resources as nodes, dependency
 * edges) with offending resources marked.
 */
import { renderIdleCostsMarkdown } from "./idleCosts";
import type { PreviewResult, RecordedResource, StackResult, Violation } from "../types";

/** Above this many custom resources the graph keeps only offending resources and their neighbours. */
const MAX_GRAPH_NODES = 60;
/** Advisory rows shown per stack (mandatory rows are always all shown). */
const MAX_ADVISORY_ROWS = 25;
/** GitHub rejects PR comments over 65,536 characters; stay below with room for a header. */
const COMMENT_LIMIT = 60_000;
const LEVEL_ORDER: Record<string, number> = { mandatory: 0, advisory: 1, remediate: 2, disabled: 3 };
const LEVEL_ICON: Record<string, string> = { mandatory: "🔴", advisory: "🟡" };

/** Escapes text for Markdown prose: HTML stays literal. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text for a GFM table cell: no HTML, no cell breaks, newlines as <br>. */
export function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A code span (in a table cell, `|` must still be escaped); text that contains backticks stays plain. */
function code(text: string, inTable = true): string {
  if (text.includes("`")) return escapeCell(text);
  const flat = text.replace(/\r?\n/g, " ");
  return `\`${inTable ? flat.replace(/\|/g, "\\|") : flat}\``;
}

/** Escapes text for a quoted Mermaid label (Mermaid entity codes; `#` first since they start with it). */
export function escapeMermaid(text: string): string {
  return text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/\r?\n/g, " ");
}

/** `azure-native:storage:StorageAccount` → `storage:StorageAccount`, `azuread:index/group:Group` → `azuread:Group`. */
function shortType(type: string): string {
  const [pkg, module, name] = type.split(":");
  if (name === undefined) return type;
  return module === "index" || module.startsWith("index/") ? `${pkg}:${name}` : `${module}:${name}`;
}

/** Drops edges implied by longer paths (a → b → c makes a → c redundant): dependency graphs are dense otherwise. */
export function transitiveReduction(edges: Array<[string, string]>): Array<[string, string]> {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const reachableWithout = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = (next.get(from) ?? []).filter((n) => n !== to);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(next.get(n) ?? []));
    }
    return false;
  };
  return edges.filter(([from, to]) => !reachableWithout(from, to));
}

function countLevels(violations: Violation[]): { mandatory: number; advisory: number } {
  return {
    mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function summaryLine(stack: StackResult): string {
  const name = `**${escapeCell(`${stack.project}/${stack.stack}`)}**`;
  if (stack.error) return `💥 ${name}: the program failed: ${escapeCell(stack.error)}`;
  const { mandatory, advisory } = countLevels(stack.violations);
  const icon = mandatory > 0 ? "❌" : advisory > 0 ? "⚠️" : "✅";
  const parts = [`${mandatory} mandatory`, `${advisory} advisory`, plural(stack.resources.length, "resource")];
  if (stack.remediations?.length) parts.push(plural(stack.remediations.length, "remediation"));
  return `${icon} ${name}: ${parts.join(" · ")}`;
}

function violationTable(stack: StackResult): string[] {
  if (stack.violations.length === 0) return stack.error ? [] : ["No policy violations."];
  const byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
  const sorted = [...stack.violations].sort(
    (a, b) => (LEVEL_ORDER[a.enforcementLevel] ?? 9) - (LEVEL_ORDER[b.enforcementLevel] ?? 9) || a.policy.localeCompare(b.policy),
  );
  const hidden = Math.max(0, sorted.filter((v) => v.enforcementLevel === "advisory").length - MAX_ADVISORY_ROWS);
  let advisoryShown = 0;
  const shown = sorted.filter((v) => v.enforcementLevel !== "advisory" || advisoryShown++ < MAX_ADVISORY_ROWS);
  const rows = shown.map((v) => {
    const resource = byUrn.get(v.urn);
    const where =
      v.urn === "" ? "(stack)" : resource ? `${code(resource.name)} (${escapeCell(shortType(resource.type))})` : escapeCell(v.urn);
    const level = `${LEVEL_ICON[v.enforcementLevel] ?? ""} ${v.enforcementLevel}`.trim();
    return `| ${level} | ${code(v.policy)} | ${where} | ${escapeCell(v.message)} |`;
  });
  const more =
    hidden > 0 ? ["", `_…and ${hidden} more advisory violations (\`npm run preview -- --stack ${stack.stack}\` lists all)._`] : [];
  return ["| Level | Policy | Resource | Message |", "|---|---|---|---|", ...rows, ...more];
}

function remediationList(stack: StackResult): string[] {
  if (!stack.remediations?.length) return [];
  const byUrn = new Map(stack.resources.map((r) => [r.urn, r.name] as const));
  return [
    "",
    "Remediated before analysis:",
    ...stack.remediations.map(
      (r) => `- ${code(r.policy, false)} on ${code(byUrn.get(r.urn) ?? r.urn, false)}: ${escapeText(r.description)}`,
    ),
  ];
}

/** The most severe level reported against each URN. */
function worstLevels(violations: Violation[]): Map<string, string> {
  const worst = new Map<string, string>();
  for (const v of violations) {
    const current = worst.get(v.urn);
    if (!current || (LEVEL_ORDER[v.enforcementLevel] ?? 9) < (LEVEL_ORDER[current] ?? 9)) worst.set(v.urn, v.enforcementLevel);
  }
  return worst;
}

/** Which custom resources to draw: all of them, or for big stacks the offending ones and their neighbours. */
function graphNodes(stack: StackResult, offending: Map<string, string>): { nodes: RecordedResource[]; partial: boolean } {
  const custom = stack.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  if (custom.length <= MAX_GRAPH_NODES) return { nodes: custom, partial: false };
  const keep = new Set<string>();
  for (const r of custom) {
    if (offending.has(r.urn)) {
      keep.add(r.urn);
      r.dependencies.forEach((d) => keep.add(d));
    } else if (r.dependencies.some((d) => offending.has(d))) {
      keep.add(r.urn);
    }
  }
  const nodes = custom.filter((r) => keep.has(r.urn));
  return { nodes: nodes.length <= MAX_GRAPH_NODES ? nodes : [], partial: true };
}

export function renderGraph(stack: StackResult): string[] {
  const offending = worstLevels(stack.violations);
  const { nodes, partial } = graphNodes(stack, offending);
  if (nodes.length === 0) return partial ? [`_Resource graph omitted: ${stack.resources.length} resources._`] : [];
  const byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
  const ids = new Map(stack.resources.map((r, i) => [r.urn, `r${i}`] as const));
  const shown = new Set(nodes.map((r) => r.urn));

  // Components that contain a shown resource become (nested) subgraphs.
  const subgraphs = new Set<string>();
  for (const r of nodes) {
    for (let p = byUrn.get(r.parent ?? ""); p && !p.custom && p.parent !== null; p = byUrn.get(p.parent ?? "")) subgraphs.add(p.urn);
  }
  const isAncestor = (urn: string, r: RecordedResource): boolean => {
    for (let p = byUrn.get(r.parent ?? ""); p; p = byUrn.get(p.parent ?? "")) if (p.urn === urn) return true;
    return false;
  };
  const container = (r: RecordedResource): string => {
    for (let p = byUrn.get(r.parent ?? ""); p; p = byUrn.get(p.parent ?? "")) if (subgraphs.has(p.urn)) return p.urn;
    return "";
  };
  const children = new Map<string, RecordedResource[]>();
  for (const r of stack.resources) {
    if (!shown.has(r.urn) && !subgraphs.has(r.urn)) continue;
    const key = container(r);
    children.set(key, [...(children.get(key) ?? []), r]);
  }

  const lines = ["```mermaid", "flowchart LR"];
  const emit = (key: string, indent: string): void => {
    for (const r of children.get(key) ?? []) {
      const label = escapeMermaid(`${r.name} (${shortType(r.type)})`);
      if (subgraphs.has(r.urn)) {
        lines.push(`${indent}subgraph ${ids.get(r.urn)}["${label}"]`);
        emit(r.urn, `${indent}  `);
        lines.push(`${indent}end`);
      } else {
        lines.push(`${indent}${ids.get(r.urn)}["${label}"]`);
      }
    }
  };
  emit("", "  ");

  const dependencyEdges = new Map<string, [string, string]>();
  const parentEdges: string[] = [];
  for (const r of nodes) {
    const parent = byUrn.get(r.parent ?? "");
    // A custom resource parented to another custom resource (e.g. a grant under its vault): dotted edge,
    // unless a dependency edge already links them.
    if (parent?.custom && shown.has(parent.urn) && !r.dependencies.includes(parent.urn)) {
      parentEdges.push(`  ${ids.get(parent.urn)} -.- ${ids.get(r.urn)}`);
    }
    for (const d of r.dependencies) {
      // Mermaid cannot link a subgraph to a node inside it, so a dependency on an ancestor component is left out.
      if ((shown.has(d) || subgraphs.has(d)) && d !== r.urn && !isAncestor(d, r)) dependencyEdges.set(`${d} ${r.urn}`, [d, r.urn]);
    }
  }
  lines.push(...parentEdges, ...transitiveReduction([...dependencyEdges.values()]).map(([d, r]) => `  ${ids.get(d)} --> ${ids.get(r)}`));
  lines.push(
    "  classDef mandatory fill:#ffd6d6,stroke:#c62828,stroke-width:3px",
    "  classDef advisory fill:#fff4c2,stroke:#b8860b,stroke-width:2px",
  );
  for (const level of ["mandatory", "advisory"]) {
    const marked = nodes.filter((r) => offending.get(r.urn) === level).map((r) => ids.get(r.urn));
    if (marked.length > 0) lines.push(`  class ${marked.join(",")} ${level}`);
  }
  lines.push("```");
  return lines;
}

function renderStack(stack: StackResult, withGraph: boolean): string[] {
  const lines = [
    `### ${summaryLine(stack)}`,
    "",
    ...violationTable(stack),
    ...remediationList(stack),
    ...renderIdleCostsMarkdown(stack.outputs, escapeCell),
  ];
  const graph = stack.error || !withGraph ? [] : renderGraph(stack);
  if (graph.length > 0) {
    lines.push(
      "",
      `<details><summary>Resource graph (${plural(stack.resources.length, "resource")})</summary>`,
      "",
      "Components are boxes; arrows go from a dependency to the resource that uses it; flagged resources are red (mandatory) or yellow (advisory).",
      "",
      ...graph,
      "",
      "</details>",
    );
  }
  return lines;
}

/** The report, shrunk to fit a PR comment when needed: first without graphs, then cut at a line. */
export function renderMarkdown(result: PreviewResult): string {
  const full = renderReport(result, true);
  if (full.length <= COMMENT_LIMIT) return full;
  const compact = renderReport(result, false).replace(/\n$/, "\n\n_Resource graphs omitted to fit a PR comment._\n");
  if (compact.length <= COMMENT_LIMIT) return compact;
  const cut = compact.slice(0, compact.lastIndexOf("\n", COMMENT_LIMIT - 200));
  return `${cut}\n\n_Truncated to fit a PR comment: \`npm run preview -- --format markdown\` prints everything._\n`;
}

function renderReport(result: PreviewResult, withGraphs: boolean): string {
  const all = result.stacks.flatMap((s) => s.violations);
  const { mandatory, advisory } = countLevels(all);
  const failed = result.stacks.filter((s) => s.error).length;
  const verdict =
    failed > 0
      ? "💥 some stacks failed to preview"
      : mandatory > 0
        ? "❌ mandatory policy violations"
        : "✅ no mandatory policy violations";
  const lines = [
    "## Offline preview and policy check",
    "",
    `${verdict}: ${plural(result.stacks.length, "stack")} · ${mandatory} mandatory · ${advisory} advisory${failed ? ` · ${failed} failed` : ""}`,
  ];
  for (const stack of result.stacks) lines.push("", ...renderStack(stack, withGraphs));
  return `${lines.join("\n")}\n`;
}
