/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning. One rule per policy, one result per violation or failed
 * stack, located at its cause: a config issue at its key's line in the stack file; a resource at the stack file's
 * entry named like it (or an ancestor), else where the program constructed it, else the stack file's first key.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar } from "yaml";
import type { PreviewResult, RecordedResource, StackResult } from "../shared/types";
import { stackViews, type Finding } from "./model";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const TOOL_NAME = "pulumi-policy-offline-preview";
/** Rules for failures the preview itself reports (not a policy's). */
export const CONFIG_RULE = "preview/invalid-config";
const PROGRAM_RULE = "preview/program-failed";
/** GitHub code scanning accepts at most 25,000 results per run. */
const MAX_RESULTS = 25_000;
/** GitHub sorts and filters security alerts by this 0–10 score. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };
const POLICY_FIX =
  "Change the flagged resource's settings (the alert's line: the stack config entry, or the program line that creates it) until the " +
  "policy passes, then re-run the check. An exception is a policy-config change (--policy-config), reviewed like code.\n\n" +
  "Check locally: `npm run preview -- --stack <stack>`";

const sarifLevel = (level: string) => (level === "mandatory" ? "error" : level === "advisory" ? "warning" : "note");

type Rule = ReturnType<typeof rule>;

/** A rule from its short and full description, what its message says and its fix (markdown; plain in `text`). */
function rule(id: string, name: string, level: string, properties: Record<string, unknown>, [short, full, about, fix]: string[]) {
  const plain = (text: string) => text.replace(/`/g, "");
  const help = { text: `${short}\n\n${plain(about)}\n\nFix: ${plain(fix)}`, markdown: `**${short}**\n\n${about}\n\n**Fix:** ${fix}` };
  return {
    id,
    name,
    shortDescription: { text: short },
    fullDescription: { text: full },
    help,
    defaultConfiguration: { level },
    properties,
  };
}

/** The description is the message's first line (the pack prefixes every message with its policy's description). */
function policyRule(f: Finding): Rule {
  const short = f.message.split("\n")[0] || f.policy;
  const pack = `${f.policyPack}${f.policyPackVersion ? ` v${f.policyPackVersion}` : ""}`;
  const severity = SECURITY_SEVERITY[f.severity ?? ""];
  const properties = { tags: ["pulumi", "crossguard", f.policyPack], ...(severity ? { "security-severity": severity } : {}) };
  const texts = [short, `${short} (policy pack ${pack})`, `Policy \`${f.policy}\` of pack \`${pack}\`.`, POLICY_FIX];
  return rule(f.policy, f.policy, sarifLevel(f.enforcementLevel), properties, texts);
}

const FAILURE_RULES: Record<string, () => Rule> = {
  [CONFIG_RULE]: () =>
    rule(CONFIG_RULE, "invalid-config", "error", { tags: ["pulumi", "config"] }, [
      "The stack config breaks a rule of the config schema",
      "The stack config breaks a rule of the config schema, so nothing of the stack is previewed or checked.",
      "The message names the config key, its value and the rule.",
      "change the value at the alert's line; `docs/config-reference.md` lists every key and its rules.",
    ]),
  [PROGRAM_RULE]: () =>
    rule(PROGRAM_RULE, "program-failed", "error", { tags: ["pulumi"] }, [
      "The stack's program failed, so it was not checked",
      "The stack's program failed (an error, a missing lookup or a time-out), so its policies were not checked.",
      "The message gives the program's error.",
      "reproduce it with `npm run preview -- --stack <stack>` and fix the program or its config.",
    ]),
};

/** Lines of a stack file: each key path under `config:` (`ns:key[0].a`), each `name:` entry's, and the first key's. */
function stackFileLines(file: string): { keys: Map<string, number>; names: Map<string, number>; first: number } | undefined {
  const counter = new LineCounter();
  const keys = new Map<string, number>();
  const names = new Map<string, number>();
  try {
    const config = parseDocument(fs.readFileSync(file, "utf8"), { lineCounter: counter }).get("config", true);
    const lineOf = (node: unknown) => counter.linePos((node as Node).range?.[0] ?? 0).line;
    const visit = (node: unknown, at: string): void => {
      if (isSeq(node)) node.items.forEach((item, i) => record(item, item, `${at}[${i}]`));
      if (isMap(node)) node.items.forEach((p) => record(p.key, p.value, `${at && `${at}.`}${String((p.key as Scalar).value)}`));
    };
    const record = (key: unknown, value: unknown, keyPath: string) => {
      keys.set(keyPath, lineOf(key));
      const name = isScalar(key) && key.value === "name" && isScalar(value) ? String(value.value) : undefined;
      if (name !== undefined && !names.has(name)) names.set(name, lineOf(key));
      visit(value, keyPath);
    };
    visit(config, "");
    return { keys, names, first: keys.values().next().value ?? 1 };
  } catch {
    return undefined;
  }
}

/** Finds where one stack's results point; built once per stack. */
function locator(stack: StackResult, repoRoot: string) {
  const file = stack.configFile ? stackFileLines(path.join(repoRoot, stack.configFile)) : undefined;
  const at = (uri: string, line: number) => ({ artifactLocation: { uri }, region: { startLine: line } });
  const stackLine = () =>
    file ? at(stack.configFile!, file.first) : at(stack.programFile ?? stack.configFile ?? `Pulumi.${stack.stack}.yaml`, 1);
  const byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
  const projectDir = path.dirname(path.join(repoRoot, stack.configFile ?? stack.programFile ?? ""));
  const source = ({ uri, line }: { uri: string; line: number }) => {
    const absolute = uri.startsWith("file:") && URL.canParse(uri) ? fileURLToPath(uri) : uri;
    const relative = path.relative(repoRoot, absolute).split(path.sep).join("/");
    const inProject = !path.relative(projectDir, absolute).startsWith("..") && !absolute.includes(`${path.sep}node_modules${path.sep}`);
    return relative.startsWith("..") ? [] : [{ location: at(relative, line), inProject }];
  };
  return {
    stackLine,
    /** A config issue's key (or its nearest parent's), when the issue names one. */
    configKey(issue: string) {
      let key = /^config (\S+?)(?: = |: |$)/.exec(issue)?.[1];
      if (key === undefined || !file) return undefined;
      while (key && !file.keys.has(key)) key = key.slice(0, Math.max(0, key.lastIndexOf("."), key.lastIndexOf("[")));
      return at(stack.configFile!, key ? file.keys.get(key)! : file.first);
    },
    resource(urn: string) {
      const chain: RecordedResource[] = [];
      for (let r = byUrn.get(urn); r && chain.length < 50; r = byUrn.get(r.parent ?? "")) chain.push(r);
      // An entry named like a resource, else the longest entry a name starts with, then `-` (`team-a-fs-access` for `team-a-fs`).
      const entries = [...(file?.names.keys() ?? [])].sort((a, b) => b.length - a.length);
      const entry =
        chain.find((r) => file?.names.has(r.name))?.name ?? chain.map((r) => entries.find((e) => r.name.startsWith(`${e}-`))).find(Boolean);
      if (entry !== undefined) return at(stack.configFile!, file!.names.get(entry)!);
      const positions = chain.flatMap((r) => (r.sourcePosition ? source(r.sourcePosition) : []));
      return (positions.find((p) => p.inProject) ?? positions[0])?.location ?? stackLine();
    },
  };
}

/** Stable per rule, stack and subject, so each flagged resource (or config key) is its own alert across runs. */
const fingerprint = (rule: string, stack: StackResult, subject: string) => {
  const hash = createHash("sha256").update(`${rule}\u0000${stack.project}/${stack.stack}\u0000${subject}`);
  return { primaryLocationLineHash: hash.digest("hex").slice(0, 32) };
};

/** `repoRoot`: uris are relative to it, and stack files are read from it. */
export function renderSarif(result: PreviewResult, repoRoot: string = process.cwd()): string {
  const rules: Rule[] = [];
  const ruleIndex = (id: string, make: () => Rule) => {
    if (!rules.some((r) => r.id === id)) rules.push(make());
    return rules.findIndex((r) => r.id === id);
  };
  const views = stackViews(result);
  const results = views.flatMap(({ stack, name, findings }) => {
    const locate = locator(stack, repoRoot);
    const stackUrn = `urn:pulumi:${stack.stack}::${stack.project}::pulumi:pulumi:Stack::${stack.project}-${stack.stack}`;
    const issues = stack.error === undefined ? [] : stack.issues?.length ? stack.issues : [stack.error];
    const failures = issues.map((issue) => {
      const key = locate.configKey(issue);
      const id = key ? CONFIG_RULE : PROGRAM_RULE;
      return {
        ruleId: id,
        ruleIndex: ruleIndex(id, FAILURE_RULES[id]),
        level: "error",
        message: { text: `${issue} [stack ${name}${stack.partial ? ", stopped: partial results" : ""}]` },
        locations: [
          { physicalLocation: key ?? locate.stackLine(), logicalLocations: [{ fullyQualifiedName: stackUrn, kind: "resource" }] },
        ],
        partialFingerprints: fingerprint(id, stack, key ? issue.split(" = ")[0] : "program"),
        properties: { project: stack.project, stack: stack.stack },
      };
    });
    const violations = findings.map((f) => ({
      ruleId: f.policy,
      ruleIndex: ruleIndex(f.policy, () => policyRule(f)),
      level: sarifLevel(f.enforcementLevel),
      message: { text: `${f.message.split("\n").join(" ")} [${f.urn ? `${f.name} in ` : ""}stack ${name}]` },
      locations: [
        {
          physicalLocation: locate.resource(f.urn),
          logicalLocations: [{ fullyQualifiedName: f.urn || stackUrn, ...(f.urn ? { name: f.name } : {}), kind: "resource" }],
        },
      ],
      partialFingerprints: fingerprint(f.policy, stack, f.urn),
      properties: { project: stack.project, stack: stack.stack, enforcementLevel: f.enforcementLevel, policyPack: f.policyPack },
    }));
    return [...failures, ...violations];
  });
  const reasons = [
    ...views.filter((v) => v.stack.error !== undefined).map((v) => `stack ${v.name} failed to preview: ${v.stack.error}`),
    ...(result.error ? [result.error] : []),
  ];
  const notifications = [
    ...reasons.map((text) => ({ level: "error", message: { text } })),
    ...(result.policy?.status === "off" ? [{ level: "warning", message: { text: "policies were not checked (--no-policy)" } }] : []),
  ];
  const version = result.stacks.flatMap((s) => s.violations).find((v) => v.policyPackVersion)?.policyPackVersion ?? "0.0.0";
  const driver = { name: TOOL_NAME, version, informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/", rules };
  const invocation = { executionSuccessful: reasons.length === 0, ...(reasons.length > 0 ? { exitCodeDescription: reasons[0] } : {}) };
  const run = {
    tool: { driver },
    invocations: [{ ...invocation, toolExecutionNotifications: notifications }],
    results: results.slice(0, MAX_RESULTS),
    ...(results.length > MAX_RESULTS ? { properties: { resultsLeftOut: results.length - MAX_RESULTS } } : {}),
  };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] }, null, 2)}\n`;
}
