/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). One rule per policy,
 * one result per violation, located at the line that caused it (`sarifLocations.ts`), with the resource URN as
 * logical location. A stack whose program or config failed becomes a result too (config issues at their key), and
 * a failed run says so in `invocations` (`executionSuccessful: false` with the reason).
 */
import { createHash } from "crypto";
import type { PreviewResult, StackResult, Violation } from "../shared/types";
import { StackLocator, type SourceLine } from "./sarifLocations";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const TOOL_NAME = "pulumi-policy-offline-preview";
const INFORMATION_URI = "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/";
/** GitHub code scanning accepts at most 25,000 results per run. */
const MAX_RESULTS = 25_000;

/** GitHub sorts and filters security alerts by this 0–10 score. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

export function sarifLevel(enforcementLevel: string): "error" | "warning" | "note" {
  return enforcementLevel === "mandatory" ? "error" : enforcementLevel === "advisory" ? "warning" : "note";
}

/** Rules for failures the preview itself reports (not a policy's). */
export const CONFIG_RULE = "preview/invalid-config";
export const PROGRAM_RULE = "preview/program-failed";

/** The description is the message's first line (the pack prefixes every message with its policy's description). */
function descriptionOf(v: Violation): string {
  return v.message.split("\n")[0] || v.policy;
}

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}

function ruleFor(v: Violation): Rule {
  const properties: Record<string, unknown> = { tags: ["pulumi", "crossguard", v.policyPack] };
  if (v.severity && SECURITY_SEVERITY[v.severity]) properties["security-severity"] = SECURITY_SEVERITY[v.severity];
  const description = descriptionOf(v);
  const pack = `${v.policyPack}${v.policyPackVersion ? ` v${v.policyPackVersion}` : ""}`;
  const fix =
    "Change the flagged resource's settings (the alert's line: the stack config entry, or the program line that creates it) " +
    "until the policy passes, then re-run the check. An exception is a policy-config change (--policy-config), reviewed like code.";
  return {
    id: v.policy,
    name: v.policy,
    shortDescription: { text: description },
    fullDescription: { text: `${description} (policy pack ${pack})` },
    help: {
      text: `${description}\n\nFix: ${fix}\nCheck locally: npm run preview -- --stack <stack>`,
      markdown: `**${description}**\n\nPolicy \`${v.policy}\` of pack \`${pack}\`.\n\n**Fix:** ${fix}\n\nCheck locally: \`npm run preview -- --stack <stack>\``,
    },
    defaultConfiguration: { level: sarifLevel(v.enforcementLevel) },
    properties,
  };
}

const FAILURE_RULES: Record<string, Rule> = {
  [CONFIG_RULE]: {
    id: CONFIG_RULE,
    name: "invalid-config",
    shortDescription: { text: "The stack config breaks a rule of the config schema" },
    fullDescription: { text: "The stack config breaks a rule of the config schema, so nothing of the stack is previewed or checked." },
    help: {
      text: "The message names the config key, its value and the rule. Fix the value at the alert's line; docs/config-reference.md lists every key.",
      markdown:
        "The message names the config key, its value and the rule.\n\n**Fix:** change the value at the alert's line; `docs/config-reference.md` lists every key and its rules.",
    },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["pulumi", "config"] },
  },
  [PROGRAM_RULE]: {
    id: PROGRAM_RULE,
    name: "program-failed",
    shortDescription: { text: "The stack's program failed, so it was not checked" },
    fullDescription: { text: "The stack's program failed (an error, a missing lookup or a time-out), so its policies were not checked." },
    help: {
      text: "The message gives the program's error. Reproduce it with npm run preview -- --stack <stack> and fix the program or its config.",
      markdown:
        "The message gives the program's error.\n\n**Fix:** reproduce it with `npm run preview -- --stack <stack>` and fix the program or its config.",
    },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["pulumi"] },
  },
};

/** Stable per rule, stack and subject, so each flagged resource (or config key) is its own alert across runs. */
function fingerprint(rule: string, stack: StackResult, subject: string): string {
  return createHash("sha256").update(`${rule}\u0000${stack.project}/${stack.stack}\u0000${subject}`).digest("hex").slice(0, 32);
}

function physical(at: SourceLine) {
  return { artifactLocation: { uri: at.uri }, region: { startLine: at.line } };
}

const stackUrn = (stack: StackResult) =>
  `urn:pulumi:${stack.stack}::${stack.project}::pulumi:pulumi:Stack::${stack.project}-${stack.stack}`;

function violationResult(stack: StackResult, v: Violation, ruleIndex: number, at: SourceLine) {
  const name = stack.resources.find((r) => r.urn === v.urn)?.name;
  const where = v.urn === "" ? `stack ${stack.project}/${stack.stack}` : `${name ?? v.urn} in stack ${stack.project}/${stack.stack}`;
  return {
    ruleId: v.policy,
    ruleIndex,
    level: sarifLevel(v.enforcementLevel),
    message: { text: `${v.message.split("\n").join(" ")} [${where}]` },
    locations: [
      {
        physicalLocation: physical(at),
        logicalLocations: [{ fullyQualifiedName: v.urn || stackUrn(stack), ...(name ? { name } : {}), kind: "resource" }],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: fingerprint(v.policy, stack, v.urn) },
    properties: { project: stack.project, stack: stack.stack, enforcementLevel: v.enforcementLevel, policyPack: v.policyPack },
  };
}

/** A failed stack: one result per config issue at its key's line, else one for the program's error. */
function failureResults(stack: StackResult, locator: StackLocator, ruleIndex: (id: string) => number) {
  const issues = stack.issues?.length ? stack.issues : [stack.error ?? ""];
  return issues.map((issue) => {
    const key = locator.configKey(issue);
    const rule = key ? CONFIG_RULE : PROGRAM_RULE;
    return {
      ruleId: rule,
      ruleIndex: ruleIndex(rule),
      level: "error",
      message: { text: `${issue} [stack ${stack.project}/${stack.stack}${stack.partial ? ", stopped: partial results" : ""}]` },
      locations: [
        {
          physicalLocation: physical(key ?? locator.stackLine()),
          logicalLocations: [{ fullyQualifiedName: stackUrn(stack), kind: "resource" }],
        },
      ],
      partialFingerprints: { primaryLocationLineHash: fingerprint(rule, stack, key ? issue.split(" = ")[0] : "program") },
      properties: { project: stack.project, stack: stack.stack },
    };
  });
}

/** `repoRoot`: uris are relative to it, and stack files are read from it. */
export function renderSarif(result: PreviewResult, repoRoot: string = process.cwd()): string {
  const rules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string, make: () => Rule): number => {
    if (!ruleIndex.has(id)) {
      ruleIndex.set(id, rules.length);
      rules.push(make());
    }
    return ruleIndex.get(id)!;
  };
  const results = result.stacks.flatMap((stack) => {
    const locator = new StackLocator(stack, repoRoot);
    const failures = stack.error !== undefined ? failureResults(stack, locator, (id) => indexOf(id, () => FAILURE_RULES[id])) : [];
    const violations = stack.violations.map((v) =>
      violationResult(
        stack,
        v,
        indexOf(v.policy, () => ruleFor(v)),
        locator.resource(v.urn),
      ),
    );
    return [...failures, ...violations];
  });
  const failed = result.stacks.filter((s) => s.error !== undefined);
  const version = result.stacks.flatMap((s) => s.violations).find((v) => v.policyPackVersion)?.policyPackVersion;
  const reasons = [
    ...failed.map((s) => `stack ${s.project}/${s.stack} failed to preview: ${s.error}`),
    ...(result.error ? [result.error] : []),
  ];
  const notChecked = result.policy?.status === "off" ? ["policies were not checked (--no-policy)"] : [];

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: version ?? "0.0.0", informationUri: INFORMATION_URI, rules } },
        invocations: [
          {
            executionSuccessful: reasons.length === 0,
            ...(reasons.length > 0 ? { exitCodeDescription: reasons[0] } : {}),
            toolExecutionNotifications: [
              ...reasons.map((text) => ({ level: "error", message: { text } })),
              ...notChecked.map((text) => ({ level: "warning", message: { text } })),
            ],
          },
        ],
        results: results.slice(0, MAX_RESULTS),
        ...(results.length > MAX_RESULTS ? { properties: { resultsLeftOut: results.length - MAX_RESULTS } } : {}),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
