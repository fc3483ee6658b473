/**
 * Resources that bill while a workspace sits idle, as the program reports them in its stack outputs: any output
 * object (up to three levels deep, e.g. `workspaces.team-a`) with an `idleCosts: { items: [...] }` member.
 */

export interface IdleCostRow {
  resource: string;
  ownership: string;
  note: string;
  /** The resource's pricing page, when the program gave one. */
  pricing?: string;
}

export interface IdleCostSection {
  /** Where it was found, e.g. `workspaces.team-a`. */
  owner: string;
  items: IdleCostRow[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function idleCostSections(outputs: Record<string, unknown>): IdleCostSection[] {
  const sections: IdleCostSection[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (!isObject(value) || path.length > 3) return;
    const report = value.idleCosts;
    if (isObject(report) && Array.isArray(report.items)) {
      sections.push({ owner: path.join("."), items: report.items.filter(isObject).map(toRow) });
      return;
    }
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(outputs, []);
  return sections;
}

function toRow(item: Record<string, unknown>): IdleCostRow {
  const row = { resource: String(item.resource ?? ""), ownership: String(item.ownership ?? ""), note: String(item.note ?? "") };
  return typeof item.pricing === "string" ? { ...row, pricing: item.pricing } : row;
}

/** Lines of `text` starting with `indent` (the text report wraps them to the terminal). */
export type Wrap = (text: string, indent: string) => string[];
const oneLine: Wrap = (text, indent) => [indent + text];

export function renderIdleCostsText(outputs: Record<string, unknown>, wrap: Wrap = oneLine): string[] {
  const sections = idleCostSections(outputs);
  if (sections.length === 0) return [];
  return [
    "Bills while idle:",
    ...sections.flatMap((s) => [
      `    ${s.owner}`,
      ...s.items.flatMap((i) => [
        ...wrap(`${i.resource} (${i.ownership}): ${i.note}`, "        "),
        ...(i.pricing ? [`            prices: ${i.pricing}`] : []),
      ]),
    ]),
  ];
}

export const IDLE_COST_HEAD = ["| Workspace | Resource | Ownership | Note |", "|---|---|---|---|"];

/** Table rows (one per item, each with its pricing link) for PR comments and job summaries. */
export function idleCostMarkdownRows(outputs: Record<string, unknown>, escapeCell: (text: string) => string): string[] {
  return idleCostSections(outputs).flatMap((s) =>
    s.items.map((i) => {
      const note = escapeCell(i.note) + (i.pricing ? ` ([prices](${i.pricing}))` : "");
      return `| ${escapeCell(s.owner)} | ${escapeCell(i.resource)} | ${escapeCell(i.ownership)} | ${note} |`;
    }),
  );
}
