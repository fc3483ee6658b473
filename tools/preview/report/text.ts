/**
 * `--format text`: per stack, the tree of what `pulumi up` would create, the outputs and the policy results, laid
 * out like `pulumi preview`: colour on a terminal (not with NO_COLOR or --no-color), unknown values as
 * `output<string>`, mandatory violations first, lines wrapped to the terminal's width.
 */
import type { PreviewResult, ReadResource, RecordedResource, StackResult, Violation } from "../shared/types";
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "../shared/types";
import { renderIdleCostsText } from "./idleCosts";
import { renderQuotaText } from "./quota";
import { renderReplacementsText } from "../host/replacements";

const MAX_TYPE_COLUMN = 72;
/** Lines are wrapped to this width when stdout is not a terminal. */
const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
/** How the engine shows a value not known until `pulumi up`. */
export const UNKNOWN_DISPLAY = "output<string>";

/** Colours and width; `plain` for files, pipes and tests. */
export interface TextStyle {
  width: number;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const none = (text: string) => text;
export const PLAIN: TextStyle = { width: DEFAULT_WIDTH, red: none, yellow: none, green: none, bold: none, dim: none };

/** Colour only on a terminal and without NO_COLOR (no-color.org) or --no-color; wrap to the terminal's width. */
export function textStyle(noColor: boolean, stream: NodeJS.WriteStream = process.stdout): TextStyle {
  const width = Math.max(MIN_WIDTH, stream.isTTY && stream.columns ? stream.columns : DEFAULT_WIDTH);
  const color = !noColor && stream.isTTY === true && !process.env.NO_COLOR;
  if (!color) return { ...PLAIN, width };
  return { width, red: ansi("31"), yellow: ansi("33"), green: ansi("32"), bold: ansi("1"), dim: ansi("2") };
}

/** Words of `text` on lines of at most `width` characters, each starting with `indent`. */
export function wrap(text: string, indent: string, width: number): string[] {
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== "" && line.length + 1 + word.length > room) {
      lines.push(indent + line);
      line = "";
    }
    line = line === "" ? word : `${line} ${word}`;
    while (line.length > room) {
      lines.push(indent + line.slice(0, room));
      line = line.slice(room);
    }
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}

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

/** One value on one line of at most `max` characters; `unknownIds` (ids assigned in preview) read as unknown. */
export function formatValue(value: unknown, max = 200, unknownIds: ReadonlySet<string> = new Set()): string {
  const unknown = (v: unknown) => v === UNKNOWN_VALUE || (typeof v === "string" && unknownIds.has(v));
  const text =
    value === SECRET_PLACEHOLDER
      ? SECRET_PLACEHOLDER
      : unknown(value)
        ? UNKNOWN_DISPLAY
        : (JSON.stringify(value, (_key, v) => (unknown(v) ? UNKNOWN_DISPLAY : v)) ?? "undefined");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `urn:pulumi:stack::project::parent$type::name` → "type name". */
function describeUrn(urn: string): string {
  if (urn === "") return "(stack)";
  const parts = urn.split("::");
  return parts.length >= 4 ? `${parts[2].split("$").pop()} ${parts.slice(3).join("::")}` : urn;
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, advisory: 1, remediate: 2, disabled: 3 };

function renderViolation(v: Violation, style: TextStyle): string[] {
  const pack = v.policyPackVersion ? `${v.policyPack}@${v.policyPackVersion}` : v.policyPack;
  const color = v.enforcementLevel === "mandatory" ? style.red : v.enforcementLevel === "advisory" ? style.yellow : none;
  // Continuation lines indented further; the first line starts at 4, so it fits too.
  const head = wrap(`[${v.enforcementLevel}] ${v.policy} (${pack}) on ${describeUrn(v.urn)}`, "        ", style.width);
  head[0] = `    ${head[0].trimStart().replace(`[${v.enforcementLevel}]`, color(`[${v.enforcementLevel}]`))}`;
  return [...head, ...v.message.split("\n").flatMap((l) => wrap(l, "        ", style.width))];
}

/** Mandatory first, then advisory, each in the pack's order. */
function sortedViolations(violations: Violation[]): Violation[] {
  return violations
    .map((v, i) => [v, i] as const)
    .sort(([a, i], [b, j]) => (LEVEL_ORDER[a.enforcementLevel] ?? 9) - (LEVEL_ORDER[b.enforcementLevel] ?? 9) || i - j)
    .map(([v]) => v);
}

function policyLines(stack: StackResult, result: PreviewResult, style: TextStyle): string[] {
  if (stack.error !== undefined) {
    const failed = [style.red(`error: ${stack.issues?.length ? `${stack.issues.length} issues:` : stack.error}`)];
    const issues = (stack.issues ?? []).flatMap((i) => wrap(i, "    ", style.width));
    const partial = stack.partial ? [style.yellow("Partial: the program was stopped; the resources above are what it registered.")] : [];
    return [...failed, ...issues, ...partial, style.yellow("Policies: not checked (the program failed)")];
  }
  if (stack.policyChecked === false || result.policy?.status === "off" || result.policy?.status === "failed") {
    const why = result.policy?.status === "off" ? "--no-policy" : result.policy?.reason ? `the policy check failed` : "no policy pack ran";
    return [style.yellow(`Policies: not checked (${why})`)];
  }
  if (stack.violations.length === 0) return [style.green("Policy violations: none")];
  const mandatory = stack.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const counts = `${stack.violations.length}${mandatory > 0 ? ` (${mandatory} mandatory)` : ""}`;
  return [`Policy violations: ${counts}`, ...sortedViolations(stack.violations).flatMap((v) => renderViolation(v, style))];
}

function renderStack(stack: StackResult, result: PreviewResult, style: TextStyle): string[] {
  const lines = [style.bold(`Previewing stack '${stack.stack}' (project '${stack.project}')`), ""];
  const nodes = [...stack.resources.map(toNode), ...(stack.reads ?? []).map(readNode)];
  const rows = treeRows(nodes);
  if (rows.length > 0) {
    const typeWidth = Math.min(MAX_TYPE_COLUMN, Math.max(4, ...rows.map((r) => r.prefix.length + r.node.type.length)));
    const nameWidth = Math.max(4, ...rows.map((r) => r.node.name.length));
    lines.push(`     ${"Type".padEnd(typeWidth)}  Name`);
    for (const { node, prefix } of rows) {
      const name = node.note ? `${node.name.padEnd(nameWidth)}  ${node.note}` : node.name;
      const marker = node.marker === "+" ? style.green("+") : node.marker;
      lines.push(` ${marker}   ${(prefix + node.type).padEnd(typeWidth)}  ${name}`.trimEnd());
    }
    lines.push("");
  }
  const outputKeys = Object.keys(stack.outputs);
  if (outputKeys.length > 0) {
    // Ids the preview made up for resources still to be created: `pulumi preview` knows them only after `up`.
    const assigned = new Set(stack.resources.map((r) => r.id).filter((id): id is string => id !== undefined));
    const width = Math.max(...outputKeys.map((k) => k.length));
    const room = Math.max(20, style.width - width - 6);
    lines.push("Outputs:", ...outputKeys.map((k) => `    ${k.padEnd(width)}: ${formatValue(stack.outputs[k], room, assigned)}`), "");
  }
  const reads = stack.reads?.length ?? 0;
  const counts = [`+ ${stack.resources.length} to create`, ...(reads > 0 ? [`> ${reads} to read`] : [])];
  lines.push(`Resources: ${counts.join(", ")}${stack.partial ? " (partial)" : ""}`);
  lines.push(...policyLines(stack, result, style));
  if (stack.remediations?.length) {
    lines.push(
      "Remediations:",
      ...stack.remediations.flatMap((r) =>
        wrap(`${r.policy} (${r.policyPack}) on ${describeUrn(r.urn)}: ${r.description}`, "    ", style.width),
      ),
    );
  }
  const wrapToWidth = (text: string, indent: string) => wrap(text, indent, style.width);
  lines.push(...renderIdleCostsText(stack.outputs, wrapToWidth));
  lines.push(...renderQuotaText(stack.quota, wrapToWidth));
  lines.push(...renderReplacementsText(stack));
  if (stack.diagnostics?.length) lines.push("Diagnostics:", ...stack.diagnostics.map((d) => `    ${d}`));
  return lines;
}

/** The last line when the run as a whole failed: what failed and that the results above are incomplete. */
function failedRunLines(result: PreviewResult, style: TextStyle): string[] {
  const failed = result.stacks.filter((s) => s.error !== undefined).map((s) => s.stack);
  const reasons = [
    ...(failed.length > 0 ? [`${failed.length} of ${result.stacks.length} stacks failed (${failed.join(", ")})`] : []),
    ...(result.error !== undefined ? [result.error] : []),
  ];
  if (reasons.length === 0) return [];
  return ["", ...wrap(`The check failed: ${reasons.join("; ")}.`, "", style.width).map((l) => style.red(l))];
}

export function renderText(result: PreviewResult, style: TextStyle = PLAIN): string {
  const stacks = result.stacks.map((stack) => renderStack(stack, result, style).join("\n")).join("\n\n");
  return [stacks, ...failedRunLines(result, style)].join("\n") + "\n";
}
