/**
 * `--format markdown`: a PR comment / job summary, well-formed at any size. The summary first, then folded blocks per
 * stack, added whole while they fit GitHub's limit (so every HTML element is closed); a closing note counts the rest.
 */
import { code, escapeCell, escapeText, renderGraph, shortType } from "./markdown";
import { byLevel, plural, stackViews, type Finding, type Section, type StackView } from "./model";
import type { PreviewResult } from "../shared/types";

/** GitHub rejects comments (and job summaries) over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;
/** Kept free for the closing note. */
const NOTE_RESERVE = 700;
const LEVEL_ICON: Record<string, string> = { mandatory: "🔴", advisory: "🟡" };
const GRAPH_LEGEND =
  "Components are boxes; arrows go from a dependency to the resource that uses it; flagged resources are red (mandatory) or yellow (advisory).";

/** The lines taken so far, the characters left, and how many of each kind of row did not fit. */
class Budget {
  readonly lines: string[] = [];
  readonly omitted = new Map<string, number>();
  constructor(public left: number) {}

  /** Adds the lines only if they all fit. */
  take(...lines: string[]): boolean {
    const size = lines.reduce((n, l) => n + l.length + 1, 0);
    if (size > this.left) return false;
    this.left -= size;
    this.lines.push(...lines);
    return true;
  }

  omit(noun: string, n: number): void {
    if (n > 0) this.omitted.set(noun, (this.omitted.get(noun) ?? 0) + n);
  }

  /** Adds rows while they fit, counting those that do not. */
  rows(noun: string, rows: string[]): void {
    let shown = 0;
    while (shown < rows.length && this.take(rows[shown])) shown++;
    this.omit(noun, rows.length - shown);
  }

  /** A folded block: added whole, or not at all. */
  fold(title: string, body: string[]): boolean {
    return this.take("", `<details><summary>${title}</summary>`, "", ...body, "", "</details>");
  }

  /** A folded table keeping as many rows as fit in `share` of what is left (later blocks keep room too). */
  foldRows(title: string, noun: string, head: string[], rows: string[], share: number): void {
    const block = (n: number) => [
      ...head,
      ...rows.slice(0, n),
      ...(n < rows.length ? ["", `_…and ${rows.length - n} more, not shown._`] : []),
    ];
    // Halve until the block fits (the folding adds about 50 characters), then grow one row at a time.
    const size = (n: number) => block(n).reduce((a, l) => a + l.length + 1, 0) + title.length + 50;
    const room = Math.floor(this.left * share);
    let shown = rows.length;
    while (shown > 0 && size(shown) > room) shown = Math.floor(shown / 2);
    while (shown < rows.length && size(shown + 1) <= room) shown++;
    this.omit(noun, shown > 0 && this.fold(title, block(shown)) ? rows.length - shown : rows.length);
  }
}

const table = (head: string[]) => [`| ${head.join(" | ")} |`, `|${"---|".repeat(head.length)}`];

function headline(result: PreviewResult, views: StackView[]): string {
  const failed = views.filter((v) => v.stack.error !== undefined).length;
  const sum = (key: "mandatory" | "advisory") => views.reduce((n, v) => n + v[key], 0);
  const totals = `${plural(views.length, "stack")} · ${sum("mandatory")} mandatory · ${sum("advisory")} advisory${failed ? ` · ${failed} failed` : ""}`;
  if (result.error !== undefined) return `💥 **The check failed**: ${escapeCell(result.error)} (${totals})`;
  if (failed > 0) return `💥 **The check failed: ${plural(failed, "stack")} did not preview** (${totals})`;
  if (result.policy?.status === "off") return `⚠️ **Policies not checked** (--no-policy): ${totals}`;
  return sum("mandatory") > 0 ? `❌ **Mandatory policy violations**: ${totals}` : `✅ **No mandatory policy violations**: ${totals}`;
}

function stackRow(v: StackView): string {
  const state = () => {
    if (v.stack.error !== undefined) return v.stack.partial ? "💥 stopped (partial)" : "💥 failed";
    if (v.notChecked) return "⚠️ not checked";
    return v.mandatory > 0 ? "❌" : v.advisory > 0 ? "⚠️" : "✅";
  };
  return `| ${code(v.name)} | ${state()} | ${v.mandatory} | ${v.advisory} | ${v.stack.resources.length}${v.stack.partial ? " (partial)" : ""} |`;
}

function violationRow(f: Finding, stack?: StackView): string {
  const where = f.urn === "" ? "(stack)" : f.type ? `${code(f.name)} (${escapeCell(shortType(f.type))})` : escapeCell(f.urn);
  const level = `${LEVEL_ICON[f.enforcementLevel] ?? ""} ${f.enforcementLevel}`.trim();
  return `| ${stack ? `${code(stack.name)} | ` : ""}${level} | ${code(f.policy)} | ${where} | ${escapeCell(f.message)} |`;
}

function summary(budget: Budget, result: PreviewResult, views: StackView[]): void {
  budget.take("## Offline preview and policy check", "", headline(result, views), "");
  if (result.policy?.status === "failed") budget.take(`Policies were **not checked**: ${escapeCell(result.policy.reason ?? "")}`, "");
  budget.take(...table(["Stack", "Result", "Mandatory", "Advisory", "Resources"]));
  budget.rows("stack row", views.map(stackRow));
  const failed = views.filter((v) => v.stack.error !== undefined);
  if (failed.length > 0 && budget.take("", "**Failed stacks**", "")) {
    const lines = failed.flatMap((v) => [
      `- ${code(v.name)}: ${escapeText(v.stack.error ?? "")}`,
      ...(v.stack.issues ?? []).map((i) => `  - ${escapeText(i)}`),
    ]);
    budget.rows("other line", lines);
  }
  const mandatory = views.flatMap((v) => v.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => violationRow(f, v)));
  const head = ["", "### Mandatory violations", "", ...table(["Stack", "Level", "Policy", "Resource", "Message"])];
  if (mandatory.length > 0 && budget.take(...head)) budget.rows("mandatory violation", mandatory);
  else budget.omit("mandatory violation", mandatory.length);
}

function sectionBlock(budget: Budget, name: string, s: Section): void {
  const title = `${name}: ${escapeText(s.title)}`;
  const rows = s.rows.map((r) => `| ${r.cells.map(escapeCell).join(" | ")}${r.prices ? ` ([prices](${r.prices}))` : ""} |`);
  const head = [...(s.note ? [escapeText(s.note), ""] : []), ...table(s.head)];
  if (rows.length === 0) budget.take("", title);
  else budget.foldRows(`${title} (${rows.length})`, s.noun, head, rows, 0.5);
}

function details(budget: Budget, view: StackView): void {
  const name = escapeText(view.name);
  const rest = view.findings.filter((f) => f.enforcementLevel !== "mandatory").map((f) => [f, violationRow(f)] as const);
  const rows = rest.sort(([a], [b]) => byLevel(a, b) || a.policy.localeCompare(b.policy)).map(([, row]) => row);
  const head = table(["Level", "Policy", "Resource", "Message"]);
  if (rows.length > 0) budget.foldRows(`${name}: ${plural(rows.length, "other violation")}`, "other violation", head, rows, 0.6);
  for (const section of view.sections) sectionBlock(budget, name, section);
  const graph = view.stack.error !== undefined ? [] : renderGraph(view.stack);
  const title = `${name}: resource graph (${plural(view.stack.resources.length, "resource")})`;
  if (graph.length > 0 && !budget.fold(title, [GRAPH_LEGEND, "", ...graph])) budget.omit("resource graph", 1);
}

/** The whole report, never over `limit` characters. */
export function renderMarkdown(result: PreviewResult, limit = COMMENT_LIMIT): string {
  const views = stackViews(result);
  const budget = new Budget(limit - NOTE_RESERVE);
  summary(budget, result, views);
  for (const view of views) details(budget, view);
  const omitted = [...budget.omitted].map(([noun, n]) => plural(n, noun));
  const note = [
    "",
    "---",
    `_Left out to stay under GitHub's ${COMMENT_LIMIT.toLocaleString("en-US")}-character limit: ${omitted.join(", ")}. ` +
      "The JSON report has everything: `npm run preview -- --format json` (in CI, the `policy-preview-json` artifact)._",
  ];
  return `${[...budget.lines, ...(omitted.length > 0 ? note : [])].join("\n")}\n`;
}
