/**
 * docs/azure-rules/: every rule in every topic file cites a Microsoft or Pulumi source, names code that exists and a
 * test that exists and carries the rule id (the test that fails when the rule is broken).
 */
import * as fs from "fs";
import * as path from "path";

const REPO = path.resolve(__dirname, "../..");
const DIR = path.join(REPO, "docs/azure-rules");
const ALLOWED = [
  /^https:\/\/learn\.microsoft\.com\//,
  /^https:\/\/github\.com\/(Azure|MicrosoftDocs)\//,
  /^https:\/\/(www\.)?pulumi\.com\//,
  /^https:\/\/github\.com\/pulumi\//,
];

interface Rule {
  file: string;
  id: string;
  body: string;
}

/** The rules of one topic file: each `### AZ-…` heading with the text up to the next heading. */
export function parseRules(file: string, text: string): Rule[] {
  const parts = text.split(/^### /m).slice(1);
  return parts.map((part) => ({ file, id: /^(AZ-[A-Z]+-\d{2}):/.exec(part)?.[1] ?? `(bad heading) ${part.split("\n")[0]}`, body: part }));
}

/** What is wrong with a rule; empty when it is complete. */
export function ruleProblems(rule: Rule, exists: (p: string) => boolean, read: (p: string) => string): string[] {
  const problems: string[] = [];
  if (rule.id.startsWith("(bad heading)")) return [`${rule.file}: ${rule.id}: expected "### AZ-<TOPIC>-<NN>: statement"`];
  const sources = [...rule.body.matchAll(/^- Source: \[[^\]]+\]\((\S+)\)$/gm)].map((m) => m[1]);
  if (sources.length === 0) problems.push(`${rule.id}: no "- Source: [title](url)" line`);
  for (const url of sources)
    if (!ALLOWED.some((re) => re.test(url))) problems.push(`${rule.id}: source ${url} is not a Microsoft or Pulumi page`);
  const code = /^- Code: `([^`]+)`$/m.exec(rule.body)?.[1];
  if (!code) problems.push(`${rule.id}: no "- Code: \`path\`" line`);
  else if (!exists(code)) problems.push(`${rule.id}: code ${code} does not exist`);
  const test = /^- Test: `([^`]+)`$/m.exec(rule.body)?.[1];
  if (!test) problems.push(`${rule.id}: no "- Test: \`path\`" line`);
  else if (!exists(test)) problems.push(`${rule.id}: test ${test} does not exist`);
  else if (!read(test).includes(rule.id)) problems.push(`${rule.id}: test ${test} does not name the rule`);
  return problems;
}

const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".md") && f !== "README.md")
  .sort();
const rules = files.flatMap((f) => parseRules(f, fs.readFileSync(path.join(DIR, f), "utf8")));
const exists = (p: string) => fs.existsSync(path.join(REPO, p));
const read = (p: string) => fs.readFileSync(path.join(REPO, p), "utf8");

describe("docs/azure-rules", () => {
  it("has topic files with rules, each id used once", () => {
    expect(files).toEqual(expect.arrayContaining(["identity-and-access.md", "workspaces.md", "budgets.md", "monitoring.md"]));
    const ids = rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(rules.map((r) => [r.id, r] as const))("%s has a Microsoft or Pulumi source, existing code and a test naming it", (_id, rule) => {
    expect(ruleProblems(rule, exists, read)).toEqual([]);
  });

  it("catches a rule without a source, with a foreign source, missing code, or a test that does not name it", () => {
    const rule = (body: string) => parseRules("x.md", `### AZ-X-01: a rule\n\n${body}`)[0];
    const test = "- Test: `test/docs/azureRules.test.ts`";
    expect(ruleProblems(rule(`- Code: \`package.json\`\n${test}`), exists, read)).toEqual(['AZ-X-01: no "- Source: [title](url)" line']);
    expect(ruleProblems(rule(`- Source: [a](https://example.com/x)\n- Code: \`package.json\`\n${test}`), exists, read)).toEqual([
      "AZ-X-01: source https://example.com/x is not a Microsoft or Pulumi page",
    ]);
    expect(ruleProblems(rule(`- Source: [a](https://learn.microsoft.com/x)\n- Code: \`nope.ts\`\n${test}`), exists, read)).toEqual([
      "AZ-X-01: code nope.ts does not exist",
    ]);
    expect(
      ruleProblems(rule("- Source: [a](https://learn.microsoft.com/x)\n- Code: `package.json`\n- Test: `package.json`"), exists, read),
    ).toEqual(["AZ-X-01: test package.json does not name the rule"]);
  });
});
