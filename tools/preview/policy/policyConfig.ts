/**
 * Policy configuration the way the Pulumi CLI handles `--policy-pack-config FILE`:
 * parse the file, then reconcile it with the pack's metadata (schema defaults, the pack's initial config,
 * the `all` key) and validate the result against each policy's config schema.
 * Mirrors pulumi/pulumi `pkg/resource/analyzer/config.go` (`parsePolicyPackConfig`, `ReconcilePolicyPackConfig`).
 */
import { z } from "zod";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** One policy's config: an optional level plus free properties (never containing `enforcementLevel`). */
export interface PolicyConfigEntry {
  enforcementLevel?: EnforcementLevel;
  properties: Record<string, unknown>;
}
export type PolicyConfigMap = Record<string, PolicyConfigEntry>;

/** What `GetAnalyzerInfo` told us about one policy. */
export interface PolicyMetadata {
  name: string;
  /** Already resolved by the pack: the policy's own level, else the pack's. */
  enforcementLevel: EnforcementLevel;
  kind: "resource" | "stack" | "unknown";
  severity?: string;
  configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

export interface PackMetadata {
  name: string;
  version: string;
  policies: PolicyMetadata[];
  /** The `initialConfig` the pack passed to its PolicyPack constructor. */
  initialConfig: PolicyConfigMap;
}

const levelSchema = z.enum(ENFORCEMENT_LEVELS);

/** The name of the key that sets every policy's level at once. */
export const ALL_POLICIES = "all";

/** Parses the CLI's policy-config JSON; throws one line naming the file and the offending key. */
export function parsePolicyConfig(text: string, fileName: string): PolicyConfigMap {
  const fail = (why: string): never => {
    throw new Error(`policy config ${fileName}: ${why}`);
  };
  // The CLI accepts an empty file as "no config".
  if (text.trim() === "") return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail("must be a JSON object");

  const result: PolicyConfigMap = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === "string") {
      result[key] = { enforcementLevel: parseLevel(value, key, fail), properties: {} };
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      const entry: PolicyConfigEntry = { properties };
      if (enforcementLevel !== undefined) entry.enforcementLevel = parseLevel(enforcementLevel, `${key}.enforcementLevel`, fail);
      // Like the CLI, drop entries that say nothing.
      if (entry.enforcementLevel !== undefined || Object.keys(properties).length > 0) result[key] = entry;
    } else {
      fail(`"${key}": ${JSON.stringify(value)} is not valid; must be an enforcement level string or an object`);
    }
  }
  return result;
}

function parseLevel(value: unknown, where: string, fail: (why: string) => never): EnforcementLevel {
  const parsed = levelSchema.safeParse(value);
  if (!parsed.success) {
    fail(`"${where}": ${JSON.stringify(value)} is not a valid enforcement level (${ENFORCEMENT_LEVELS.join(" | ")})`);
  }
  return parsed.data as EnforcementLevel;
}

/**
 * Defaults from the pack metadata, then the pack's initial config, then the file: the config the CLI sends in
 * `Configure`. Throws one line for a policy name the pack does not have (the CLI would silently ignore a typo)
 * or for a value that breaks a policy's config schema (the CLI validates the same way).
 */
export function reconcilePolicyConfig(pack: PackMetadata, fileConfig: PolicyConfigMap = {}, fileName = "policy config"): PolicyConfigMap {
  const known = new Set(pack.policies.map((p) => p.name));
  for (const key of Object.keys(fileConfig)) {
    if (key !== ALL_POLICIES && !known.has(key)) {
      throw new Error(`${fileName}: unknown policy "${key}" (pack ${pack.name} has: ${[...known].sort().join(", ")})`);
    }
  }
  let result: PolicyConfigMap = {};
  for (const policy of pack.policies) {
    result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: schemaDefaults(policy) };
  }
  result = applyConfig(result, pack.initialConfig);
  result = applyConfig(result, fileConfig);
  validateAgainstSchemas(pack.policies, result, fileName);
  return result;
}

function schemaDefaults(policy: PolicyMetadata): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if ("default" in schema) defaults[key] = structuredClone(schema.default);
  }
  return defaults;
}

/** `applyConfig` of the CLI: `all` sets every level first, then per-policy levels and properties win. */
function applyConfig(base: PolicyConfigMap, overrides: PolicyConfigMap): PolicyConfigMap {
  const result: PolicyConfigMap = {};
  const allLevel = overrides[ALL_POLICIES]?.enforcementLevel;
  for (const [name, entry] of Object.entries(base)) {
    result[name] = { enforcementLevel: allLevel ?? entry.enforcementLevel, properties: { ...entry.properties } };
  }
  for (const [name, given] of Object.entries(overrides)) {
    const current = result[name] ?? { properties: {} };
    result[name] = {
      enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
      properties: { ...current.properties, ...given.properties },
    };
  }
  return result;
}

function validateAgainstSchemas(policies: PolicyMetadata[], config: PolicyConfigMap, fileName: string): void {
  for (const policy of policies) {
    if (!policy.configSchema) continue;
    const schema = z.fromJSONSchema({
      type: "object",
      properties: policy.configSchema.properties,
      ...(policy.configSchema.required.length > 0 ? { required: policy.configSchema.required } : {}),
    } as Parameters<typeof z.fromJSONSchema>[0]);
    const parsed = schema.safeParse(config[policy.name]?.properties ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = [policy.name, ...issue.path.map(String)].join(".");
      throw new Error(`${fileName}: ${path}: ${issue.message}`);
    }
  }
}

/** The levels in force after reconciliation, by policy name (the `all` entry is not a policy). */
export function effectiveLevels(pack: PackMetadata, config: PolicyConfigMap): Map<string, EnforcementLevel> {
  const levels = new Map<string, EnforcementLevel>();
  for (const policy of pack.policies) {
    levels.set(policy.name, config[policy.name]?.enforcementLevel ?? policy.enforcementLevel);
  }
  return levels;
}

/** Whether the engine's `Remediate` pass can change anything: some resource policy runs at `remediate`. */
export function needsRemediation(pack: PackMetadata, config: PolicyConfigMap): boolean {
  const levels = effectiveLevels(pack, config);
  return pack.policies.some((p) => p.kind === "resource" && levels.get(p.name) === "remediate");
}
