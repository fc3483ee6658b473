import * as path from "path";
import type { Policy } from "@pulumi/policy";
import * as pack from "../../policies/policies";
import { GENERATED_NOTE, anchor, code, prose, table } from "./markdown";
import { PolicyDocTags, readPackSource } from "./policySource";

/**
 * docs/policy-reference.md, generated from the pack itself: every policy in `allPolicies` with its name, default
 * enforcement level, severity, what it checks, why, how to fix and how to configure it. Pure apart from
 * `loadPolicyReference`, which reads the pack's source for the JSDoc tags.
 */

export const POLICY_REFERENCE_PATH = "docs/policy-reference.md";
const PACK_DIR = path.resolve(__dirname, "../../policies");

interface ConfigProperty {
  key: string;
  type: string;
  default?: unknown;
  allowed: string[];
  description: string;
}

export interface PolicyEntry {
  name: string;
  exportName: string;
  level: string;
  levelFromPack: boolean;
  severity: string;
  kind: "resource" | "stack";
  remediable: boolean;
  description: string;
  why: string;
  fix: string;
  url?: string;
  config: ConfigProperty[];
  configExample?: Record<string, unknown>;
}

type JsonSchemaProperty = { type?: string; items?: JsonSchemaProperty; enum?: unknown[]; default?: unknown; description?: string };

/** Entries in `allPolicies` order, and problems with their documentation (a test keeps the list empty). */
export function policyEntries(
  policies: readonly Policy[],
  exportNames: Map<Policy, string>,
  tags: Map<string, PolicyDocTags>,
  packLevel: string,
): { entries: PolicyEntry[]; problems: string[] } {
  const problems: string[] = [];
  const entries = policies.map((policy): PolicyEntry => {
    const exportName = exportNames.get(policy) ?? "";
    const doc = tags.get(exportName) ?? {};
    if (!exportName) problems.push(`${policy.name}: not exported by name from policies/policies.ts`);
    if (!doc.why) problems.push(`${policy.name}: no @why in the JSDoc of ${exportName || "its export"}`);
    const properties = (policy.configSchema?.properties ?? {}) as Record<string, JsonSchemaProperty>;
    const config = Object.entries(properties).map(([key, schema]) => ({
      key,
      type: jsonType(schema),
      default: schema.default,
      allowed:
        (schema.items?.enum ?? schema.enum) ? [(schema.items?.enum ?? schema.enum ?? []).map((v) => `\`${String(v)}\``).join(", ")] : [],
      description: schema.description ?? "",
    }));
    for (const property of config)
      if (!property.description) problems.push(`${policy.name}: config property ${property.key} has no description`);
    const configExample = parseExample(policy.name, doc.configExample, properties, problems);
    if (config.length > 0 && !configExample) problems.push(`${policy.name}: has config properties but no @configExample`);
    return {
      name: policy.name,
      exportName,
      level: policy.enforcementLevel ?? packLevel,
      levelFromPack: policy.enforcementLevel === undefined,
      severity: policy.severity ?? "unspecified",
      kind: "validateStack" in policy ? "stack" : "resource",
      remediable: "remediateResource" in policy && policy.remediateResource !== undefined,
      description: policy.description,
      why: doc.why ?? "",
      fix: policy.remediationSteps ?? "",
      url: policy.url,
      config,
      configExample,
    };
  });
  return { entries, problems };
}

function jsonType(schema: JsonSchemaProperty): string {
  if (schema.type === "array") return `list of ${schema.items ? jsonType(schema.items) : "any"}`;
  return schema.type ?? "any";
}

/** `@configExample` must be a JSON object whose keys are config properties with values of the right JSON type. */
function parseExample(policy: string, text: string | undefined, properties: Record<string, JsonSchemaProperty>, problems: string[]) {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    problems.push(`${policy}: @configExample is not JSON: ${text}`);
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.push(`${policy}: @configExample must be a JSON object`);
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const schema = properties[key];
    if (!schema) problems.push(`${policy}: @configExample sets ${key}, which is not in its configSchema`);
    else if ((schema.type === "array") !== Array.isArray(v)) problems.push(`${policy}: @configExample ${key} is not a ${schema.type}`);
    else if (Array.isArray(v) && schema.items?.enum && v.some((item) => !schema.items?.enum?.includes(item))) {
      problems.push(`${policy}: @configExample ${key} has a value outside ${JSON.stringify(schema.items.enum)}`);
    }
  }
  return value as Record<string, unknown>;
}

/** The pack's policies with their export names, tags and pack level, read from `policies/`. */
export function loadPolicyReference(): { entries: PolicyEntry[]; problems: string[]; packLevel: string } {
  const { tags, packLevel } = readPackSource(PACK_DIR);
  const exportNames = new Map<Policy, string>();
  for (const [name, value] of Object.entries(pack)) {
    if (pack.allPolicies.includes(value as Policy)) exportNames.set(value as Policy, name);
  }
  const level = packLevel ?? "advisory";
  const result = policyEntries(pack.allPolicies, exportNames, tags, level);
  if (!packLevel) result.problems.push("policies/index.ts: no enforcementLevel in new PolicyPack(...)");
  return { ...result, packLevel: level };
}

export function renderPolicyReference(entries: PolicyEntry[], packLevel: string): string {
  const configurable = entries.filter((e) => e.config.length > 0);
  const out = [
    "# Policy reference",
    "",
    GENERATED_NOTE("the policy pack (`policies/policies.ts` `allPolicies`, JSDoc in `policies/rules/*.ts`)"),
    "",
    `The CrossGuard pack \`${pack.packName}\` (\`policies/\`) has ${entries.length} policies. It runs in \`pulumi preview --policy-pack policies\``,
    "and in the offline check (`npm run preview`). How the default-storage policies find a workspace's account, and how",
    "the pack handles values unknown during preview: [policies/README.md](../policies/README.md).",
    "",
    "## Enforcement levels and configuration",
    "",
    `- \`advisory\` reports and lets the update go on; \`mandatory\` fails it; \`remediate\` fixes the resource's inputs first`,
    "  (remediable policies only; the others act as `mandatory`); `disabled` skips the policy.",
    `- A policy without a level of its own takes the pack's, \`${packLevel}\` (marked "pack default" below).`,
    "- Levels and settings come from a policy-config JSON file: `pulumi preview --policy-pack policies",
    "  --policy-pack-config policy-config.json`, or `npm run preview -- --policy-config policy-config.json` offline.",
    "  `\"all\"` sets every policy's level; a policy's own entry is a level or an object with `enforcementLevel` and its settings:",
    "",
    "```json",
    JSON.stringify(
      {
        all: "advisory",
        "aml-default-storage-verifiable": "mandatory",
        ...Object.fromEntries(configurable.map((e) => [e.name, { enforcementLevel: "mandatory", ...e.configExample }])),
      },
      null,
      2,
    ),
    "```",
    "",
    "## Policies",
    "",
    table(
      ["Policy", "Default level", "Severity", "Kind", "Remediates"],
      entries.map((e) => [
        `[\`${e.name}\`](#${anchor(e.name)})`,
        levelText(e),
        e.severity,
        `${e.kind} policy`,
        e.remediable ? "yes" : "no",
      ]),
    ),
  ];
  for (const entry of entries) out.push("", ...renderEntry(entry));
  return out.join("\n") + "\n";
}

function levelText(entry: PolicyEntry): string {
  return entry.levelFromPack ? `${entry.level} (pack default)` : entry.level;
}

function renderEntry(entry: PolicyEntry): string[] {
  const kind =
    entry.kind === "stack"
      ? "stack policy: checks the whole stack after registration (`validateStack`)"
      : "resource policy: checks each resource's inputs (`validateResource`)";
  const lines = [
    `### ${entry.name}`,
    "",
    table(
      ["Default level", "Severity", "Kind", "Remediates at `remediate`"],
      [[levelText(entry), entry.severity, kind, entry.remediable ? "yes" : "no"]],
    ),
    "",
    `**Checks.** ${prose(entry.description)}`,
    "",
    `**Why.** ${prose(entry.why)}`,
    "",
    `**Fix.** ${prose(entry.fix)}`,
  ];
  if (entry.url) lines.push("", `**Learn more:** <${entry.url}>`);
  const otherLevel = entry.level === "mandatory" ? "advisory" : "mandatory";
  const settings = entry.config.length > 0 ? " Its settings, and a policy-config entry with them:" : "";
  lines.push("", `**Configure.** Its level: \`${JSON.stringify({ [entry.name]: otherLevel })}\`.${settings}`);
  if (entry.config.length > 0) {
    lines.push(
      "",
      table(
        ["Setting", "Type", "Default", "Allowed values", "Description"],
        entry.config.map((p) => [
          `\`${p.key}\``,
          p.type,
          p.default === undefined ? "" : code(p.default),
          p.allowed.join("; "),
          prose(p.description),
        ]),
      ),
      "",
      "```json",
      JSON.stringify({ [entry.name]: { enforcementLevel: entry.level, ...entry.configExample } }, null, 2),
      "```",
    );
  }
  return lines;
}
