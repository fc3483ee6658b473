import { z } from "zod";
import { ConfigIssue } from "../components/internal";

/**
 * Schema parsing that yields one clear issue per problem: the key path, the value and the rule, never zod's bare
 * "Invalid input". A per-parse error map rewords zod's defaults (messages written in the schema win over it), and
 * a failed union reports the issues of the form the value was closest to.
 */

/** Where users put keys that belong elsewhere: said instead of a plain "unknown key". */
const MISPLACED_KEYS: Record<string, string> = {
  location: "the region of the whole stack is azure-native:location",
  hub: "a project belongs to the hub it is listed under (hubs[].projects), so it names no hub",
  hubResourceId: "a project belongs to the hub it is listed under (hubs[].projects), so it names no hub",
  hubName: "a project belongs to the hub it is listed under (hubs[].projects), so it names no hub",
  projects: "projects are listed under their hub: hubs[].projects",
};

export function parseConfig<T>(schema: z.ZodType<T>, input: unknown): { value?: T; issues: ConfigIssue[] } {
  const result = schema.safeParse(input, { error: describeIssue });
  if (result.success) return { value: result.data, issues: [] };
  return { issues: result.error.issues.flatMap((issue) => toConfigIssues(issue as FinalIssue, input, [])) };
}

type RawIssue = z.core.$ZodRawIssue;
type FinalIssue = z.core.$ZodIssue & { errors?: FinalIssue[][]; issues?: FinalIssue[]; keys?: string[]; note?: string };

/** The rule for one raw zod issue, or undefined for zod's own message. */
export function describeIssue(iss: RawIssue): string | undefined {
  const input: unknown = iss.input;
  switch (iss.code) {
    case "invalid_type":
      return typeRule(iss.expected as string, input, shapeKeys(iss.inst));
    case "invalid_value":
      return oneOfRule(iss.values as unknown[], input);
    case "unrecognized_keys":
      return unknownKeysRule(iss.keys as string[], shapeKeys(iss.inst) ?? []);
    case "too_small":
      return sizeRule("at least", "greater than", iss.origin as string, Number(iss.minimum), iss.inclusive !== false);
    case "too_big":
      return sizeRule("at most", "less than", iss.origin as string, Number(iss.maximum), iss.inclusive !== false);
    case "invalid_union":
      if (iss.note === "No matching discriminator") {
        return oneOfRule((iss.options as unknown[]) ?? [], (input as Record<string, unknown> | undefined)?.[iss.discriminator as string]);
      }
      return `${input === null ? "is empty (a key with no value in YAML): expected" : "must be"} one of these forms: ${unionForms(iss.inst).join(" | ")}`;
    case "invalid_format":
      return iss.format === "regex" ? `must match ${iss.pattern}` : `must be a valid ${iss.format}`;
    default:
      return undefined;
  }
}

function toConfigIssues(issue: FinalIssue, input: unknown, base: (string | number)[]): ConfigIssue[] {
  const path = [...base, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
  if (issue.code === "invalid_union" && issue.errors && issue.errors.length > 0) {
    const branch = closestBranch(issue.errors, valueAt(input, path));
    if (branch) return branch.flatMap((inner) => toConfigIssues(inner, input, path));
  }
  if (issue.code === "unrecognized_keys" && issue.keys?.length) {
    // Point at the (first) unknown key itself: the message names the typo and lists the allowed keys.
    const at = [...path, issue.keys[0]];
    return [{ path: at, value: valueAt(input, at), rule: issue.message }];
  }
  if (issue.code === "invalid_key") {
    return [{ path, value: path[path.length - 1], rule: issue.issues?.[0]?.message ?? issue.message }];
  }
  return [{ path, value: valueAt(input, path), rule: issue.message }];
}

/**
 * The union member the value was meant to be: the one with the fewest structural misfits (wrong type, unknown or
 * missing keys). Undefined when the value fits none of the forms at all, so the union's own message lists them.
 */
function closestBranch(branches: FinalIssue[][], value: unknown): FinalIssue[] | undefined {
  const misfit = (issue: FinalIssue): number => {
    if (issue.path.length === 0 && (issue.code === "invalid_type" || issue.code === "invalid_value")) return 1000;
    if (issue.path.length === 0 && issue.code === "unrecognized_keys") return 10 * (issue.keys?.length ?? 1);
    if (issue.path.length === 1 && issue.code === "invalid_type" && valueAt(value, issue.path as (string | number)[]) === undefined)
      return 10;
    return 1;
  };
  const scored = branches.map((issues) => ({ issues, score: issues.reduce((sum, issue) => sum + misfit(issue), 0) }));
  const best = scored.reduce((a, b) => (b.score < a.score ? b : a));
  return best.score < 1000 ? best.issues : undefined;
}

function typeRule(expected: string, input: unknown, keys: string[] | undefined): string {
  const wanted = expectedPhrase(expected, keys);
  if (input === undefined) return `is required: ${wanted}`;
  if (input === null) return `is empty (a key with no value in YAML): expected ${wanted}`;
  const got = Array.isArray(input) ? "a list" : typeof input === "object" ? "an object" : `${typeof input} ${JSON.stringify(input)}`;
  const hint =
    expected === "string" && (typeof input === "number" || typeof input === "boolean")
      ? ` (quote it in YAML: "${String(input)}")`
      : (expected === "number" || expected === "int") && typeof input === "string" && input.trim() !== "" && !Number.isNaN(Number(input))
        ? " (write it without quotes)"
        : expected === "boolean" && (input === "true" || input === "false")
          ? " (write it without quotes)"
          : "";
  return `expected ${wanted}, got ${got}${hint}`;
}

function expectedPhrase(expected: string, keys: string[] | undefined): string {
  switch (expected) {
    case "object":
      return keys ? `an object with keys ${keys.join(", ")}` : "an object";
    case "array":
      return "a list (YAML '- item' lines)";
    case "record":
      return "a map of names to values";
    case "int":
      return "a whole number";
    case "boolean":
      return "true or false";
    default:
      return `a ${expected}`;
  }
}

function oneOfRule(values: unknown[], input: unknown): string {
  const shown = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
  const caseTwin =
    typeof input === "string" ? values.find((v) => typeof v === "string" && v.toLowerCase() === input.toLowerCase()) : undefined;
  const hint = caseTwin !== undefined ? ` (did you mean "${String(caseTwin)}"? values are case-sensitive)` : "";
  return `must be one of ${shown}${hint}`;
}

function unknownKeysRule(keys: string[], allowed: string[]): string {
  const allowedText = allowed.length ? `allowed keys: ${allowed.join(", ")}` : "no keys are allowed here";
  if (keys.length > 1) return `unknown keys ${keys.map((k) => `"${k}"`).join(", ")}; ${allowedText}`;
  const key = keys[0];
  if (MISPLACED_KEYS[key]) return `unknown key "${key}": ${MISPLACED_KEYS[key]}`;
  const suggestion = closestKey(key, allowed);
  return `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; ${allowedText}`;
}

function sizeRule(inclusiveWord: string, exclusiveWord: string, origin: string, bound: number, inclusive: boolean): string | undefined {
  if (origin === "number") return `must be ${inclusive ? inclusiveWord : exclusiveWord} ${bound}`;
  if (origin === "array") return `must list ${inclusiveWord} ${bound} entr${bound === 1 ? "y" : "ies"}`;
  if (origin === "string") return `must be ${inclusiveWord} ${bound} character${bound === 1 ? "" : "s"} long`;
  return undefined;
}

/** An allowed key within a small edit distance, or differing only in case. */
function closestKey(key: string, allowed: string[]): string | undefined {
  const lower = key.toLowerCase();
  const ranked = allowed
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  const tolerance = Math.max(1, Math.floor(Math.min(key.length, best?.candidate.length ?? 0) / 3));
  if (best && best.distance <= tolerance) return best.candidate;
  // `sku` for `skuName`, `storageAccount` for `storage`: one key starting the other is a likely abbreviation.
  const abbreviated = allowed.find(
    (candidate) =>
      Math.min(key.length, candidate.length) >= 3 &&
      (candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase())),
  );
  if (abbreviated) return abbreviated;
  // `exists` for `existing`: a long common start shared with a single key.
  const sharing = allowed.filter((candidate) => commonPrefix(lower, candidate.toLowerCase()) >= 5);
  return sharing.length === 1 ? sharing[0] : undefined;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Description of a key a schema declares only to refuse it with its own message (a project's `storage`): such keys
 * are left out of the allowed keys an unknown-key message lists.
 */
export const REFUSED_KEY = "refused: declared for its own message";

/** Keys of an object schema, to list what is allowed. */
function shapeKeys(inst: unknown): string[] | undefined {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, { description?: string }> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape).filter((key) => shape[key]?.description !== REFUSED_KEY) : undefined;
}

function unionForms(inst: unknown): string[] {
  const options = (inst as { _zod?: { def?: { options?: unknown[] } } } | undefined)?._zod?.def?.options ?? [];
  return options.map((option) => {
    const def = (option as { _zod: { def: { type: string; values?: unknown[] } } })._zod.def;
    if (def.type === "literal") return (def.values ?? []).map((v) => JSON.stringify(v)).join(" | ");
    const keys = shapeKeys(option);
    return keys ? `{ ${keys.join(", ")} }` : def.type;
  });
}

export function valueAt(input: unknown, path: (string | number)[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
