/**
 * Markdown building blocks: escaping for prose, table cells and Mermaid labels, and the resource graph (a Mermaid
 * flowchart: components as subgraphs, custom resources as nodes, dependency edges, offending resources marked).
 * The report itself is laid out in markdownReport.ts.
 */
import type { RecordedResource, StackResult, Violation } from "../shared/types";

/** Above this many custom resources the graph keeps only offending resources and their neighbours. */
const MAX_GRAPH_NODES = 60;
export const LEVEL_ORDER: Record<string, number> = { mandatory: 0, advisory: 1, remediate: 2, disabled: 3 };

/** Escapes text for Markdown prose: HTML stays literal. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text for a GFM table cell: no HTML, no cell breaks, newlines as <br>. */
export function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A code span (in a table cell, `|` must still be escaped); text that contains backticks stays plain. */
export function code(text: string, inTable = true): string {
  if (text.includes("`")) return escapeCell(text);
  const flat = text.replace(/\r?\n/g, " ");
  return `\`${inTable ? flat.replace(/\|/g, "\\|") : flat}\``;
}

/** Escapes text for a quoted Mermaid label (Mermaid entity codes; `#` first since they start with it). */
export function escapeMermaid(text: string): string {
  return text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/\r?\n/g, " ");
}

/** `azure-native:storage:StorageAccount` → `storage:StorageAccount`, `azuread:index/group:Group` → `azuread:Group`. */
export function shortType(type: string): string {
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
