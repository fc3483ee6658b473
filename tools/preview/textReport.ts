/** `--format text`: per stack, the tree of what `pulumi up` would create, the outputs and the policy results. */
import type { PreviewResult, ReadResource, RecordedResource, StackResult, Violation } from "./types";
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "./types";
import { renderIdleCostsText } from "./report/idleCosts";
import { renderReplacementsText } from "./replacements";

const MAX_VALUE_CHARS = 200;
const MAX_TYPE_COLUMN = 72;

interface TreeNode {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  marker: "+" | ">";
  note: string;
}

function toNode(resource: RecordedResource): TreeNode {
  return {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    parent: resource.parent,
    marker: "+",
    note: resource.protect ? "[protected]" : "",
  };
}

function readNode(read: ReadResource): TreeNode {
  return {
    urn: read.urn,
    type: read.type,
    name: read.name,
    parent: read.parent,
    marker: ">",
    note: read.id === read.name ? "(read)" : `(read ${read.id})`,
  };
}

/** Depth-first rows with their tree prefixes, children in registration order. */
export function treeRows(nodes: TreeNode[]): Array<{ node: TreeNode; prefix: string }> {
  const byUrn = new Set(nodes.map((n) => n.urn));
  const children = new Map<string, TreeNode[]>();
  const roots: TreeNode[] = [];
  for (const node of nodes) {
    if (!node.parent || !byUrn.has(node.parent)) roots.push(node);
    else if (children.has(node.parent)) children.get(node.parent)?.push(node);
    else children.set(node.parent, [node]);
  }
  const rows: Array<{ node: TreeNode; prefix: string }> = [];
  const visit = (node: TreeNode, indent: string, branch: string) => {
    rows.push({ node, prefix: indent + branch });
    const kids = children.get(node.urn) ?? [];
    const childIndent = branch === "" ? indent : indent + (branch === "├─ " ? "│  " : "   ");
    kids.forEach((kid, i) => visit(kid, childIndent, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  roots.forEach((root) => visit(root, "", ""));
  return rows;
}

export function formatValue(value: unknown): string {
  const text =
    value === SECRET_PLACEHOLDER
      ? SECRET_PLACEHOLDER
      : value === UNKNOWN_VALUE
        ? "(unknown until up)"
        : (JSON.stringify(value, (_key, v) => (v === UNKNOWN_VALUE ? "(unknown until up)" : v)) ?? "undefined");
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** `urn:pulumi:stack::project::parent$type::name` → "type name". */
function describeUrn(urn: string): string {
  if (urn === "") return "(stack)";
  const parts = urn.split("::");
  return parts.length >= 4 ? `${parts[2].split("$").pop()} ${parts.slice(3).join("::")}` : urn;
}

function renderViolation(v: Violation): string[] {
  const pack = v.policyPackVersion ? `${v.policyPack}@${v.policyPackVersion}` : v.policyPack;
  const lines = [`    [${v.enforcementLevel}] ${v.policy} (${pack}) on ${describeUrn(v.urn)}`];
  return [
    ...lines,
    ...v.message
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => `        ${l}`),
  ];
}

function renderStack(stack: StackResult): string[] {
  const lines = [`Previewing stack '${stack.stack}' (project '${stack.project}')`, ""];
  const nodes = [...stack.resources.map(toNode), ...(stack.reads ?? []).map(readNode)];
  const rows = treeRows(nodes);
  if (rows.length > 0) {
    const typeWidth = Math.min(MAX_TYPE_COLUMN, Math.max(4, ...rows.map((r) => r.prefix.length + r.node.type.length)));
    const nameWidth = Math.max(4, ...rows.map((r) => r.node.name.length));
    lines.push(`     ${"Type".padEnd(typeWidth)}  Name`);
    for (const { node, prefix } of rows) {
      const name = node.note ? `${node.name.padEnd(nameWidth)}  ${node.note}` : node.name;
      lines.push(` ${node.marker}   ${(prefix + node.type).padEnd(typeWidth)}  ${name}`.trimEnd());
    }
    lines.push("");
  }
  const outputKeys = Object.keys(stack.outputs);
  if (outputKeys.length > 0) {
    const width = Math.max(...outputKeys.map((k) => k.length));
    lines.push("Outputs:", ...outputKeys.map((k) => `    ${k.padEnd(width)}: ${formatValue(stack.outputs[k])}`), "");
  }
  const reads = stack.reads?.length ?? 0;
  const counts = [`+ ${stack.resources.length} to create`, ...(reads > 0 ? [`> ${reads} to read`] : [])];
  lines.push(`Resources: ${counts.join(", ")}`);
  if (stack.error !== undefined) lines.push(`error: ${stack.error}`);
  else if (stack.violations.length === 0) lines.push("Policy violations: none");
  else lines.push(`Policy violations: ${stack.violations.length}`, ...stack.violations.flatMap(renderViolation));
  if (stack.remediations?.length) {
    lines.push(
      "Remediations:",
      ...stack.remediations.map((r) => `    ${r.policy} (${r.policyPack}) on ${describeUrn(r.urn)}: ${r.description}`),
    );
  }
  lines.push(...renderIdleCostsText(stack.outputs));
  lines.push(...renderReplacementsText(stack));
  if (stack.diagnostics?.length) lines.push("Diagnostics:", ...stack.diagnostics.map((d) => `    ${d}`));
  return lines;
}

export function renderText(result: PreviewResult): string {
  return result.stacks.map((stack) => renderStack(stack).join("\n")).join("\n\n") + "\n";
}
