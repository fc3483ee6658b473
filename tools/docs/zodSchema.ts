import { z } from "zod";

/**
 * What the reference needs to know of a zod 4 schema, read from its definition (`schema._zod.def`, zod's own
 * introspection data): wrappers and metadata, a readable type, and the allowed values with the schema's own rule
 * messages. Pure.
 */

/** What `.meta()` may carry for the reference (see `KeyDoc` in stacks/config.ts). */
export interface KeyDoc {
  description?: string;
  default?: unknown;
  examples?: unknown[];
  keys?: Record<string, KeyDoc>;
}

export type Schema = z.core.$ZodType;

/** The parts of zod 4's schema definitions the reference reads (`schema._zod.def`). */
export interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  discriminator?: string;
  keyType?: Schema;
  valueType?: Schema;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
  /** Set when the schema is itself a check, as format types are (`z.guid()`, `z.email()`). */
  check?: string;
  error?: (issue: unknown) => unknown;
}

interface CheckDef {
  check: string;
  error?: (issue: unknown) => unknown;
}

export const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

/** Wrappers that change neither the shape nor the documentation's subject. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

interface Unwrapped {
  core: Schema;
  optional: boolean;
  doc: KeyDoc;
}

/** Strips optional/pipe wrappers; metadata found on the way is merged, the outermost winning. */
export function unwrap(schema: Schema): Unwrapped {
  let current = schema;
  let optional = false;
  const layers: KeyDoc[] = [];
  for (;;) {
    const meta = z.globalRegistry.get(current) as KeyDoc | undefined;
    if (meta) layers.push(meta);
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) {
      if (def.type === "optional" || def.type === "default" || def.type === "prefault") optional = true;
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) {
      current = def.in; // a transform after the check: document what the user writes
    } else {
      break;
    }
  }
  const doc: KeyDoc = {};
  for (const layer of layers.reverse()) Object.assign(doc, layer, { keys: { ...doc.keys, ...layer.keys } });
  return { core: current, optional, doc };
}

/** Messages written into the schema's checks (`.regex(re, "rule")`, `.refine(fn, "rule")`). */
function ruleMessages(schema: Schema): string[] {
  const messages: string[] = [];
  const def = defOf(schema);
  const checks: CheckDef[] = [...(def.check ? [def as CheckDef] : []), ...(def.checks ?? []).map((c) => c._zod.def)];
  for (const check of checks) {
    try {
      const message = check.error?.({ input: undefined, code: check.check });
      if (typeof message === "string") messages.push(message);
    } catch {
      // a message computed from the issue itself: nothing to show without one
    }
  }
  return messages;
}

function jsonSchemaOf(schema: Schema): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function typeName(schema: Schema): string {
  const { core } = unwrap(schema);
  const def = defOf(core);
  switch (def.type) {
    case "string":
    case "enum":
      return "string";
    case "number":
      return jsonSchemaOf(core).type === "integer" ? "integer" : "number";
    case "literal":
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(" | ");
    case "array":
      return `list of ${typeName(def.element as Schema)}`;
    case "record":
      return `map of ${typeName(def.valueType as Schema)}`;
    case "union":
      return [...new Set((def.options ?? []).map(typeName))].join(" or ");
    case "unknown":
    case "any":
      return "any";
    default:
      return def.type;
  }
}

/** Enum values, number ranges, lengths and the schema's own rule messages. */
export function allowedValues(schema: Schema): string[] {
  const { core } = unwrap(schema);
  const def = defOf(core);
  const allowed: string[] = [];
  if (def.type === "enum")
    allowed.push(
      Object.values(def.entries ?? {})
        .map((v) => `\`${v}\``)
        .join(", "),
    );
  if (def.type === "literal") allowed.push((def.values ?? []).map((v) => `\`${JSON.stringify(v)}\``).join(", "));
  if (def.type === "union") {
    const forms = (def.options ?? []).map(formOf);
    allowed.push(`one of: ${forms.join(" · ")}`);
  }
  // The schema's own messages state its bounds in words; bare bounds only where it has none.
  const messages = ruleMessages(core);
  allowed.push(...(messages.length ? messages : bounds(jsonSchemaOf(core))));
  if (def.type === "array") allowed.push(...allowedValues(def.element as Schema).map((rule) => `each: ${rule}`));
  if (def.type === "record") {
    allowed.push(...ruleMessages(unwrap(def.keyType as Schema).core).map((rule) => `keys: ${rule}`));
    const value = unwrap(def.valueType as Schema).core;
    if (!isContainer(value)) allowed.push(...allowedValues(value).map((rule) => `values: ${rule}`));
  }
  return allowed;
}

function bounds(json: Record<string, unknown>): string[] {
  const num = (key: string) => (typeof json[key] === "number" ? (json[key] as number) : undefined);
  const out: string[] = [];
  const range = [
    ["minimum", "≥ "],
    ["exclusiveMinimum", "> "],
    ["maximum", "≤ "],
    ["exclusiveMaximum", "< "],
  ] as const;
  for (const [key, text] of range) if (num(key) !== undefined) out.push(`${text}${num(key)}`);
  if (num("minLength") === 1) out.push("not empty");
  else if (num("minLength") !== undefined) out.push(`at least ${num("minLength")} characters`);
  if (num("maxLength") !== undefined) out.push(`at most ${num("maxLength")} characters`);
  if (num("minItems") !== undefined) out.push(`at least ${num("minItems")} item${num("minItems") === 1 ? "" : "s"}`);
  return out;
}

/** A union member in a few characters: `{ existingId }`, `false`, `string`. */
function formOf(option: Schema): string {
  const { core } = unwrap(option);
  const def = defOf(core);
  if (def.type === "object") return `\`{ ${Object.keys(def.shape ?? {}).join(", ")} }\``;
  if (def.type === "literal") return `\`${(def.values ?? []).map((v) => JSON.stringify(v)).join(" | ")}\``;
  return typeName(core);
}

function isContainer(schema: Schema): boolean {
  const def = defOf(unwrap(schema).core);
  if (def.type === "object" || def.type === "union") return def.type === "object" || (def.options ?? []).some(isContainer);
  if (def.type === "array") return isContainer(def.element as Schema);
  if (def.type === "record") return isContainer(def.valueType as Schema);
  return false;
}
