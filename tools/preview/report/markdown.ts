/**
 * Markdown building blocks: escaping for prose, table cells and Mermaid labels, and the resource graph (a Mermaid
 * flowchart: components as subgraphs, custom resources as nodes, dependency edges, offending resources marked).
 */
import type { RecordedResource, StackResult } from "../shared/types";
import { byLevel } from "./model";

/** Above this many custom resources the graph keeps only offending resources and their neighbours. */
const MAX_GRAPH_NODES = 60;

/** Escapes text for Markdown prose: HTML stays literal. */
export const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Escapes text for a GFM table cell: no HTML, no cell breaks, newlines as <br>. */
export const escapeCell = (text: string) => escapeText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

/** A code span for a table cell; text that contains backticks stays plain. */
export const code = (text: string) => (text.includes("`") ? escapeCell(text) : `\`${text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|")}\``);

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
  const reaches = (from: string, to: string, seen: Set<string>): boolean =>
    (next.get(from) ?? []).some((n) => n === to || (!seen.has(n) && seen.add(n) && reaches(n, to, seen)));
  return edges.filter(([from, to]) => !(next.get(from) ?? []).some((n) => n !== to && reaches(n, to, new Set())));
}

export function renderGraph(stack: StackResult): string[] {
  // The most severe level reported against each resource: the last one set, from least to most severe.
  const levels = [...stack.violations].sort(byLevel).reverse();
  const worst = new Map(levels.map((v) => [v.urn, v.enforcementLevel] as const));
  let nodes = stack.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  if (nodes.length > MAX_GRAPH_NODES) {
    const near = (r: RecordedResource) =>
      worst.has(r.urn) ? [r.urn, ...r.dependencies] : r.dependencies.some((d) => worst.has(d)) ? [r.urn] : [];
    const keep = new Set(nodes.flatMap(near));
    nodes = nodes.filter((r) => keep.has(r.urn));
    if (nodes.length === 0 || nodes.length > MAX_GRAPH_NODES) return [`_Resource graph omitted: ${stack.resources.length} resources._`];
  }
  if (nodes.length === 0) return [];
  const byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
  const id = new Map(stack.resources.map((r, i) => [r.urn, `r${i}`] as const));
  const shown = new Set(nodes.map((r) => r.urn));
  const ancestors = (r: RecordedResource): RecordedResource[] => {
    const parent = byUrn.get(r.parent ?? "");
    return parent ? [parent, ...ancestors(parent)] : [];
  };
  // Components above a shown resource (up to the first custom one, not the stack) become nested subgraphs.
  const subgraphs = new Set<string>();
  for (const r of nodes) {
    for (const p of ancestors(r)) {
      if (p.custom || p.parent === null) break;
      subgraphs.add(p.urn);
    }
  }
  const children = new Map<string, RecordedResource[]>();
  for (const r of stack.resources.filter((r) => shown.has(r.urn) || subgraphs.has(r.urn))) {
    const key = ancestors(r).find((p) => subgraphs.has(p.urn))?.urn ?? "";
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const lines = ["```mermaid", "flowchart LR"];
  const emit = (key: string, indent: string): void => {
    for (const r of children.get(key) ?? []) {
      const node = `${id.get(r.urn)}["${escapeMermaid(`${r.name} (${shortType(r.type)})`)}"]`;
      if (!subgraphs.has(r.urn)) {
        lines.push(indent + node);
        continue;
      }
      lines.push(`${indent}subgraph ${node}`);
      emit(r.urn, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  emit("", "  ");
  const dependencies = new Map<string, [string, string]>();
  for (const r of nodes) {
    // A custom resource under a custom resource (a grant under its vault): dotted, unless a dependency links them.
    const parent = byUrn.get(r.parent ?? "");
    if (parent?.custom && shown.has(parent.urn) && !r.dependencies.includes(parent.urn))
      lines.push(`  ${id.get(parent.urn)} -.- ${id.get(r.urn)}`);
    // Mermaid cannot link a subgraph to a node inside it, so a dependency on an ancestor component is left out.
    const inside = new Set(ancestors(r).map((p) => p.urn));
    for (const d of r.dependencies)
      if ((shown.has(d) || subgraphs.has(d)) && d !== r.urn && !inside.has(d)) dependencies.set(`${d} ${r.urn}`, [d, r.urn]);
  }
  lines.push(...transitiveReduction([...dependencies.values()]).map(([d, r]) => `  ${id.get(d)} --> ${id.get(r)}`));
  lines.push(
    "  classDef mandatory fill:#ffd6d6,stroke:#c62828,stroke-width:3px",
    "  classDef advisory fill:#fff4c2,stroke:#b8860b,stroke-width:2px",
  );
  for (const level of ["mandatory", "advisory"]) {
    const marked = nodes.filter((r) => worst.get(r.urn) === level).map((r) => id.get(r.urn));
    if (marked.length > 0) lines.push(`  class ${marked.join(",")} ${level}`);
  }
  return [...lines, "```"];
}
