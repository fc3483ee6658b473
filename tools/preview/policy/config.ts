/**
 * Policy configuration as the Pulumi CLI handles `--policy-pack-config FILE` (pulumi/pulumi
 * `pkg/resource/analyzer/config.go`: `parsePolicyPackConfig`, `ReconcilePolicyPackConfig`): the file parsed, then
 * layered over the pack's metadata and validated against each policy's config schema.
 */
import * as fs from "fs";
import { z } from "zod";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** One policy's config: an optional level plus free properties (never containing `enforcementLevel`). */
export interface PolicyConfigEntry {
  enforcementLevel?: EnforcementLevel;
  properties: Record<string, unknown>;
}
export type PolicyConfigMap = Record<string, PolicyConfigEntry>;

/** What `GetAnalyzerInfo` says about the pack; a policy's level is already resolved (its own, else the pack's). */
export interface PackMetadata {
  name: string;
  version: string;
  policies: Array<{
    name: string;
    enforcementLevel: EnforcementLevel;
    resourcePolicy: boolean;
    configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
  }>;
  /** The `initialConfig` the pack passed to its PolicyPack constructor. */
  initialConfig: PolicyConfigMap;
}

/** The key that sets every policy's level at once. */
const ALL_POLICIES = "all";

/** Reads and parses the CLI's policy-config JSON; throws one line naming the file and the offending key. */
export function readPolicyConfig(file: string, text?: string): PolicyConfigMap {
  const fail = (why: string, cause?: unknown): never => {
    throw new Error(`policy config ${file}: ${why}`, { cause });
  };
  try {
    text ??= fs.readFileSync(file, "utf8");
  } catch (e) {
    return fail(`cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, e);
  }
  // The CLI accepts an empty file as "no config".
  if (text.trim() === "") return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail("must be a JSON object");
  const level = (value: unknown, where: string): EnforcementLevel =>
    ENFORCEMENT_LEVELS.includes(value as EnforcementLevel)
      ? (value as EnforcementLevel)
      : fail(`"${where}": ${JSON.stringify(value)} is not a valid enforcement level (${ENFORCEMENT_LEVELS.join(" | ")})`);

  const result: PolicyConfigMap = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string") {
      result[key] = { enforcementLevel: level(value, key), properties: {} };
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      // Like the CLI, drop entries that say nothing.
      if (enforcementLevel === undefined && Object.keys(properties).length === 0) continue;
      result[key] = { properties };
      if (enforcementLevel !== undefined) result[key].enforcementLevel = level(enforcementLevel, `${key}.enforcementLevel`);
    } else {
      fail(`"${key}": ${JSON.stringify(value)} is not valid; must be an enforcement level string or an object`);
    }
  }
  return result;
}

/**
 * The config the CLI sends in `Configure`: each policy's level and schema defaults, then the pack's initial config,
 * then the file, each layer's `all` level first. Throws one line for a policy the pack lacks (the CLI would ignore
 * a typo silently) or a value breaking a policy's config schema (the CLI validates the same way).
 */
export function reconcilePolicyConfig(pack: PackMetadata, fileConfig: PolicyConfigMap = {}, where = "policy config"): PolicyConfigMap {
  const known = pack.policies.map((p) => p.name);
  const unknown = Object.keys(fileConfig).find((key) => key !== ALL_POLICIES && !known.includes(key));
  if (unknown) throw new Error(`${where}: unknown policy "${unknown}" (pack ${pack.name} has: ${known.sort().join(", ")})`);

  const defaults: PolicyConfigMap = {};
  for (const p of pack.policies) {
    const schema = Object.entries(p.configSchema?.properties ?? {}).filter(([, s]) => "default" in s);
    defaults[p.name] = {
      enforcementLevel: p.enforcementLevel,
      properties: Object.fromEntries(schema.map(([k, s]) => [k, structuredClone(s.default)])),
    };
  }
  const config = [pack.initialConfig, fileConfig].reduce((base, layer) => {
    const result: PolicyConfigMap = {};
    const all = layer[ALL_POLICIES]?.enforcementLevel;
    for (const [name, entry] of Object.entries(base))
      result[name] = { enforcementLevel: all ?? entry.enforcementLevel, properties: { ...entry.properties } };
    for (const [name, given] of Object.entries(layer)) {
      const current = result[name] ?? { properties: {} };
      result[name] = {
        enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
        properties: { ...current.properties, ...given.properties },
      };
    }
    return result;
  }, defaults);

  for (const p of pack.policies) {
    if (!p.configSchema) continue;
    const { properties, required } = p.configSchema;
    const schema = { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
    const parsed = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(config[p.name].properties);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${where}: ${[p.name, ...issue.path.map(String)].join(".")}: ${issue.message}`);
    }
  }
  return config;
}

/** Whether the engine's `Remediate` pass can change anything: some resource policy runs at `remediate`. */
export function needsRemediation(pack: PackMetadata, config: PolicyConfigMap): boolean {
  return pack.policies.some((p) => p.resourcePolicy && config[p.name]?.enforcementLevel === "remediate");
}
