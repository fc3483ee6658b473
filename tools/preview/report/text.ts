/**
 * `--format text`: per stack, the tree of what `pulumi up` would create, the outputs, the policy results and the
 * report's sections, laid out like `pulumi preview`: colour on a terminal (not with NO_COLOR or --no-color), unknown
 * values as `output<string>`, lines wrapped to the terminal's width.
 */
import type { PreviewResult, RecordedResource, StackResult } from "../shared/types";
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "../shared/types";
import { byLevel, describeUrn, stackViews, type StackView } from "./model";

/** Lines are wrapped to this width when stdout is not a terminal. */
const DEFAULT_WIDTH = 100;
const MAX_TYPE_COLUMN = 72;

type Paint = (text: string) => string;
/** Colours and width; `PLAIN` for files, pipes and tests. */
export type TextStyle = { width: number } & Record<"red" | "yellow" | "green" | "bold", Paint>;

const none: Paint = (text) => text;
function ansi(code: string): Paint {
  return (text) => `\u001b[${code}m${text}\u001b[0m`;
}
export const PLAIN: TextStyle = { width: DEFAULT_WIDTH, red: none, yellow: none, green: none, bold: none };

/** Colour only on a terminal and without NO_COLOR (no-color.org) or --no-color; wrap to the terminal's width. */
export function textStyle(noColor: boolean, stream: NodeJS.WriteStream = process.stdout): TextStyle {
  const width = Math.max(60, stream.isTTY && stream.columns ? stream.columns : DEFAULT_WIDTH);
  if (noColor || stream.isTTY !== true || process.env.NO_COLOR) return { ...PLAIN, width };
  return { width, red: ansi("31"), yellow: ansi("33"), green: ansi("32"), bold: ansi("1") };
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
    for (; line.length > room; line = line.slice(room)) lines.push(indent + line.slice(0, room));
  }
  return line === "" ? lines : [...lines, indent + line];
}

/** One value on one line of at most `max` characters; `unknownIds` (ids assigned in preview) read as unknown. */
export function formatValue(value: unknown, max = 200, unknownIds: ReadonlySet<string> = new Set()): string {
  const unknown = (v: unknown) => v === UNKNOWN_VALUE || (typeof v === "string" && unknownIds.has(v));
  const shown = (v: unknown) => (unknown(v) ? "output<string>" : v);
  const text =
    value === SECRET_PLACEHOLDER || unknown(value) ? String(shown(value)) : (JSON.stringify(value, (_key, v) => shown(v)) ?? "undefined");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type TreeNode = Pick<RecordedResource, "urn" | "type" | "name" | "parent"> & { marker: string; note: string };

/** Depth-first rows with their tree prefixes, children in registration order. */
export function treeRows(nodes: TreeNode[]): Array<{ node: TreeNode; prefix: string }> {
  const urns = new Set(nodes.map((n) => n.urn));
  const children = new Map<string, TreeNode[]>();
  for (const node of nodes) {
    const parent = node.parent && urns.has(node.parent) ? node.parent : "";
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(node);
  }
  const rows: Array<{ node: TreeNode; prefix: string }> = [];
  const visit = (node: TreeNode, indent: string, branch: string) => {
    rows.push({ node, prefix: indent + branch });
    const kids = children.get(node.urn) ?? [];
    const childIndent = indent + (branch === "" ? "" : branch === "├─ " ? "│  " : "   ");
    kids.forEach((kid, i) => visit(kid, childIndent, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  (children.get("") ?? []).forEach((root) => visit(root, "", ""));
  return rows;
}

function resourceLines(stack: StackResult, style: TextStyle): string[] {
  const created = stack.resources.map((r) => ({ ...r, marker: style.green("+"), note: r.protect ? "[protected]" : "" }));
  const reads = (stack.reads ?? []).map((r) => ({ ...r, marker: ">", note: r.id === r.name ? "(read)" : `(read ${r.id})` }));
  const rows = treeRows([...created, ...reads]);
  if (rows.length === 0) return [];
  const typeWidth = Math.min(MAX_TYPE_COLUMN, Math.max(4, ...rows.map((r) => r.prefix.length + r.node.type.length)));
  const nameWidth = Math.max(4, ...rows.map((r) => r.node.name.length));
  const line = ({ node, prefix }: (typeof rows)[number]) =>
    ` ${node.marker}   ${(prefix + node.type).padEnd(typeWidth)}  ${node.note ? `${node.name.padEnd(nameWidth)}  ${node.note}` : node.name}`;
  return [`     ${"Type".padEnd(typeWidth)}  Name`, ...rows.map((r) => line(r).trimEnd()), ""];
}

function outputLines(stack: StackResult, width: number): string[] {
  const keys = Object.keys(stack.outputs);
  if (keys.length === 0) return [];
  // Ids the preview made up for resources still to be created: `pulumi preview` knows them only after `up`.
  const assigned = new Set(stack.resources.map((r) => r.id).filter((id): id is string => id !== undefined));
  const keyWidth = Math.max(...keys.map((k) => k.length));
  const room = Math.max(20, width - keyWidth - 6);
  return ["Outputs:", ...keys.map((k) => `    ${k.padEnd(keyWidth)}: ${formatValue(stack.outputs[k], room, assigned)}`), ""];
}

function policyLines({ stack, findings, mandatory, notChecked }: StackView, style: TextStyle): string[] {
  const at = (text: string, indent: string) => wrap(text, indent, style.width);
  const failed =
    stack.error === undefined ? [] : [style.red(`error: ${stack.issues?.length ? `${stack.issues.length} issues:` : stack.error}`)];
  failed.push(...(stack.issues ?? []).flatMap((i) => at(i, "    ")));
  if (stack.partial) failed.push(style.yellow("Partial: the program was stopped; the resources above are what it registered."));
  if (notChecked) return [...failed, style.yellow(`Policies: not checked (${notChecked})`)];
  if (findings.length === 0) return [style.green("Policy violations: none")];
  return [
    `Policy violations: ${findings.length}${mandatory > 0 ? ` (${mandatory} mandatory)` : ""}`,
    ...[...findings].sort(byLevel).flatMap((v) => {
      const level = `[${v.enforcementLevel}]`;
      const paint = v.enforcementLevel === "mandatory" ? style.red : v.enforcementLevel === "advisory" ? style.yellow : none;
      // Continuation lines indented further; the first line starts at 4, so it fits too.
      const head = at(`${level} ${v.policy} (${v.pack}) on ${describeUrn(v.urn)}`, "        ");
      head[0] = `    ${head[0].trimStart().replace(level, paint(level))}`;
      return [...head, ...v.message.split("\n").flatMap((l) => at(l, "        "))];
    }),
  ];
}

function stackLines(view: StackView, style: TextStyle): string[] {
  const { stack } = view;
  const reads = stack.reads?.length ? `, > ${stack.reads.length} to read` : "";
  const lines = [style.bold(`Previewing stack '${stack.stack}' (project '${stack.project}')`), ""];
  lines.push(...resourceLines(stack, style), ...outputLines(stack, style.width));
  lines.push(`Resources: + ${stack.resources.length} to create${reads}${stack.partial ? " (partial)" : ""}`, ...policyLines(view, style));
  for (const section of view.sections) {
    const title = section.note ? `${section.title} ${section.note}` : section.title;
    lines.push(section.rows.length > 0 ? `${title}:` : title);
    let group: string | undefined;
    for (const row of section.rows) {
      if (row.group !== undefined && row.group !== group) {
        group = row.group;
        lines.push(`    ${group}`);
      }
      const indent = row.group === undefined ? "    " : "        ";
      lines.push(
        ...(section.raw ? [indent + row.text] : wrap(row.text, indent, style.width)),
        ...(row.prices ? [`${indent}    prices: ${row.prices}`] : []),
      );
    }
  }
  return lines;
}

export function renderText(result: PreviewResult, style: TextStyle = PLAIN): string {
  const views = stackViews(result);
  const failed = views.filter((v) => v.stack.error !== undefined).map((v) => v.stack.stack);
  const reasons = [
    ...(failed.length > 0 ? [`${failed.length} of ${views.length} stacks failed (${failed.join(", ")})`] : []),
    ...(result.error !== undefined ? [result.error] : []),
  ];
  const end = reasons.length === 0 ? [] : ["", ...wrap(`The check failed: ${reasons.join("; ")}.`, "", style.width).map(style.red)];
  return `${[views.map((v) => stackLines(v, style).join("\n")).join("\n\n"), ...end].join("\n")}\n`;
}
