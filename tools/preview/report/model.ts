/** The report as one model built from the PreviewResult; text.ts, markdownReport.ts and sarif.ts only lay it out. */
import type { WithReplacements } from "../host/replacements";
import type { PreviewResult, StackResult, Violation } from "../shared/types";
import { isObject } from "../shared/messages";
import type { QuotaNodes } from "./quota";

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, advisory: 1, remediate: 2, disabled: 3 };
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A violation with its pack (`name@version`) and the resource its URN names ("" names the stack). */
export interface Finding extends Violation {
  pack: string;
  type: string;
  name: string;
}

/** A row: `text` for the text report (wrapped, under its `group`), `cells` for a markdown table. */
export interface Row {
  text: string;
  cells: string[];
  group?: string;
  prices?: string;
}

/** A list under `title` in text, a folded table with `head` in markdown; `noun` counts rows left out. */
export interface Section {
  title: string;
  /** Said after the title in text, above the table in markdown. */
  note?: string;
  noun: string;
  head: string[];
  rows: Row[];
  /** Rows printed unwrapped in text: ARM ids and program output do not wrap well. */
  raw: boolean;
}

export interface StackView {
  stack: StackResult;
  /** `project/stack`. */
  name: string;
  findings: Finding[];
  mandatory: number;
  advisory: number;
  /** Why policies were not checked; absent when they were. */
  notChecked?: string;
  sections: Section[];
}

/** `urn:pulumi:stack::project::parent$type::name` → its type and name. */
export function resourceOf(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  if (urn === "") return { type: "", name: "(stack)" };
  return parts.length >= 4 ? { type: parts[2].split("$").pop()!, name: parts.slice(3).join("::") } : { type: "", name: urn };
}

/** "type name" of the resource a URN names. */
export function describeUrn(urn: string): string {
  const { type, name } = resourceOf(urn);
  return type ? `${type} ${name}` : name;
}

function notChecked(stack: StackResult, result: PreviewResult): string | undefined {
  if (stack.error !== undefined) return "the program failed";
  if (result.policy?.status === "off") return "--no-policy";
  if (stack.policyChecked === false || result.policy?.status === "failed") {
    return result.policy?.reason ? "the policy check failed" : "no policy pack ran";
  }
  return undefined;
}

/** Idle-cost lists in the outputs: any object (up to three levels deep) with an `idleCosts: { items }` member. */
function idleCostRows(value: unknown, path: string[] = []): Row[] {
  if (!isObject(value) || path.length > 3) return [];
  const report = value.idleCosts;
  if (!isObject(report) || !Array.isArray(report.items)) return Object.entries(value).flatMap(([k, v]) => idleCostRows(v, [...path, k]));
  const group = path.join(".");
  return report.items.filter(isObject).map((item) => {
    const [resource, ownership, note] = [item.resource, item.ownership, item.note].map((v) => String(v ?? ""));
    const prices = typeof item.pricing === "string" ? item.pricing : undefined;
    return { text: `${resource} (${ownership}): ${note}`, cells: [group, resource, ownership, note], group, prices };
  });
}

function quotaRows(stack: StackResult): Row[] {
  if (!stack.quota) return [];
  const nodes = (ns: QuotaNodes[]) =>
    ns.map((n) => `${n.vmSize} ${n.priority === "LowPriority" ? "low-priority" : "dedicated"} ≤ ${n.maxNodes}`).join(", ");
  const { entries, total } = stack.quota;
  const { dedicated, lowPriority } = total.maxNodes;
  const rows = Object.entries(entries).map(([key, q]) => [
    key,
    `${plural(q.computes, "compute")}; nodes at most: ${nodes(q.nodesByVmSize)}`,
  ]);
  rows.push(["total", `${plural(total.computes, "compute")}; ${dedicated} dedicated and ${lowPriority} low-priority nodes at most`]);
  return rows.map((cells) => ({ text: cells.join(": "), cells }));
}

const section = (title: string, noun: string, head: string[], rows: Row[], raw = false): Section => ({ title, noun, head, rows, raw });

/** The `--base` comparison: a title alone when nothing is replaced or the base failed. */
function baseSection(stack: WithReplacements): Section[] {
  const base = (title: string, rows: Row[] = []) => [
    section(`Compared with --base: ${title}`, "replacement", ["Change", "Resource", "Inputs"], rows, true),
  ];
  if (stack.baseError !== undefined) return base(`the base config failed: ${stack.baseError}`);
  if (!stack.replacements) return [];
  if (stack.replacements.length === 0) return base("no stateful resource is replaced or deleted");
  const show = (v: unknown) => JSON.stringify(v) ?? "undefined";
  const rows = stack.replacements.map((r) => {
    const inputs = r.properties.map((p) => `${p.name}: ${show(p.before)} -> ${show(p.after)}`).join(", ");
    const cells = [r.change === "delete" ? "deletes" : "replaces", `${r.type} ${r.name}`, inputs];
    return { text: `${cells[0]} ${cells[1]}${inputs ? ` (${inputs})` : ""}`, cells };
  });
  return base(`${stack.replacements.length} stateful resource(s) replaced or deleted`, rows);
}

function sections(stack: StackResult): Section[] {
  const remediations = (stack.remediations ?? []).map((r) => ({
    text: `${r.policy} (${r.policyPack}) on ${describeUrn(r.urn)}: ${r.description}`,
    cells: [r.policy, describeUrn(r.urn), r.description],
  }));
  const diagnostics = (stack.diagnostics ?? []).map((d) => ({ text: d, cells: [d] }));
  const quota = section("Compute quota asked for", "quota row", ["Workspace", "Computes and nodes"], quotaRows(stack));
  return [
    section("Remediations", "remediation", ["Policy", "Resource", "Applied before analysis"], remediations),
    section("Bills while idle", "idle-cost row", ["Workspace", "Resource", "Ownership", "Note"], idleCostRows(stack.outputs)),
    { ...quota, note: "(cores = nodes × the VM size's vCPUs, per VM family)" },
    ...baseSection(stack),
    section("Diagnostics", "diagnostic", ["What the program printed"], diagnostics, true),
  ].filter((s) => s.rows.length > 0 || s.title.startsWith("Compared"));
}

/** Mandatory first, then advisory, each in the pack's order (sort is stable). */
export const byLevel = (a: Violation, b: Violation) => (LEVEL_ORDER[a.enforcementLevel] ?? 9) - (LEVEL_ORDER[b.enforcementLevel] ?? 9);

export function stackViews(result: PreviewResult): StackView[] {
  return result.stacks.map((stack) => {
    const count = (level: string) => stack.violations.filter((v) => v.enforcementLevel === level).length;
    const pack = (v: Violation) => (v.policyPackVersion ? `${v.policyPack}@${v.policyPackVersion}` : v.policyPack);
    const findings = stack.violations.map((v) => ({ ...v, ...resourceOf(v.urn), pack: pack(v) }));
    const [mandatory, advisory] = [count("mandatory"), count("advisory")];
    return {
      stack,
      name: `${stack.project}/${stack.stack}`,
      findings,
      mandatory,
      advisory,
      notChecked: notChecked(stack, result),
      sections: sections(stack),
    };
  });
}
