/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). One rule per policy,
 * one result per violation, located at the stack's config file (or program) with the resource URN as logical
 * location. Stacks that failed to preview become tool execution notifications.
 */
import { createHash } from "crypto";
import * as path from "path";
import type { PreviewResult, StackResult, Violation } from "../types";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const TOOL_NAME = "pulumi-policy-offline-preview";
const INFORMATION_URI = "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/";

/** GitHub sorts and filters security alerts by this 0–10 score. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

export function sarifLevel(enforcementLevel: string): "error" | "warning" | "note" {
  return enforcementLevel === "mandatory" ? "error" : enforcementLevel === "advisory" ? "warning" : "note";
}

/** The file a stack's results point at, relative to `rootDir` with forward slashes (as code scanning expects). */
export function artifactUri(stack: StackResult, rootDir: string): string {
  const file = stack.configFile ?? stack.programFile ?? `Pulumi.${stack.stack}.yaml`;
  const relative = path.isAbsolute(file) ? path.relative(rootDir, file) : file;
  return relative.split(path.sep).join("/").replace(/\\/g, "/");
}

/** The description is the message's first line (the pack prefixes every message with its policy's description). */
function descriptionOf(v: Violation): string {
  return v.message.split("\n")[0] || v.policy;
}

function ruleFor(v: Violation) {
  const properties: Record<string, unknown> = { tags: ["pulumi", "crossguard", v.policyPack] };
  if (v.severity && SECURITY_SEVERITY[v.severity]) properties["security-severity"] = SECURITY_SEVERITY[v.severity];
  return {
    id: v.policy,
    name: v.policy,
    shortDescription: { text: descriptionOf(v) },
    fullDescription: { text: `${descriptionOf(v)} (policy pack ${v.policyPack}${v.policyPackVersion ? ` v${v.policyPackVersion}` : ""})` },
    defaultConfiguration: { level: sarifLevel(v.enforcementLevel) },
    properties,
  };
}

/** Stable per policy, stack and resource, so each flagged resource is its own alert across runs. */
function fingerprint(stack: StackResult, v: Violation): string {
  return createHash("sha256").update(`${v.policy}\u0000${stack.project}/${stack.stack}\u0000${v.urn}`).digest("hex").slice(0, 32);
}

function resultFor(stack: StackResult, v: Violation, ruleIndex: number, rootDir: string) {
  const name = stack.resources.find((r) => r.urn === v.urn)?.name;
  const where = v.urn === "" ? `stack ${stack.project}/${stack.stack}` : `${name ?? v.urn} in stack ${stack.project}/${stack.stack}`;
  return {
    ruleId: v.policy,
    ruleIndex,
    level: sarifLevel(v.enforcementLevel),
    message: { text: `${v.message.split("\n").join(" ")} [${where}]` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(stack, rootDir) },
          // Recorded resources carry no source position; line 1 of the stack's file keeps the alert attached to it.
          region: { startLine: 1 },
        },
        logicalLocations: [
          {
            fullyQualifiedName:
              v.urn || `urn:pulumi:${stack.stack}::${stack.project}::pulumi:pulumi:Stack::${stack.project}-${stack.stack}`,
            ...(name ? { name } : {}),
            kind: "resource",
          },
        ],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: fingerprint(stack, v) },
    properties: { project: stack.project, stack: stack.stack, enforcementLevel: v.enforcementLevel, policyPack: v.policyPack },
  };
}

export function renderSarif(result: PreviewResult, rootDir: string = process.cwd()): string {
  const rules: ReturnType<typeof ruleFor>[] = [];
  const ruleIndex = new Map<string, number>();
  const results = result.stacks.flatMap((stack) =>
    stack.violations.map((v) => {
      if (!ruleIndex.has(v.policy)) {
        ruleIndex.set(v.policy, rules.length);
        rules.push(ruleFor(v));
      }
      return resultFor(stack, v, ruleIndex.get(v.policy)!, rootDir);
    }),
  );
  const failed = result.stacks.filter((s) => s.error);
  const version = result.stacks.flatMap((s) => s.violations).find((v) => v.policyPackVersion)?.policyPackVersion;

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: version ?? "0.0.0", informationUri: INFORMATION_URI, rules } },
        invocations: [
          {
            executionSuccessful: failed.length === 0,
            toolExecutionNotifications: failed.map((s) => ({
              level: "error",
              message: { text: `stack ${s.project}/${s.stack} failed to preview: ${s.error}` },
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
