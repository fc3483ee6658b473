import Ajv from "ajv";
import { JsonSchema, allowedValues, constValues, isMap, typeName } from "./jsonSchema";

/**
 * Walks the JSON Schema of the stack config (what `z.toJSONSchema` makes of the config schema, as shipped in
 * schema/stack-config.schema.json) into one row per key path (`workspaces[].storage.skuName`), with what a reader
 * needs: type, whether it is required, default, allowed values, an example and a description. Descriptions,
 * defaults and examples are the schema's own (the config schema's `.meta()`); a key declared only to be refused is
 * `false` in the schema and listed on its parent's row. Pure: no I/O.
 */

export interface KeyRow {
  path: string;
  type: string;
  required: boolean;
  default?: unknown;
  allowed: string[];
  example?: unknown;
  description: string;
  /** Problems with the documentation itself (no description, an example the schema refuses). */
  problems: string[];
}

/** Every documented key path below `properties` (the config's keys), depth first in declaration order. */
export function configKeys(properties: Record<string, JsonSchema | false>): KeyRow[] {
  const rows = new Map<string, KeyRow>();
  const ajv = new Ajv({ strict: false, validateFormats: false });
  walkChildren({ type: "object", properties }, "", rows, (node, value) => ajv.validate(node, value) as boolean);
  return [...rows.values()];
}

type Check = (node: JsonSchema, value: unknown) => boolean;

/** Rows for the keys inside `node` (object fields, list items' fields, map values' fields, union members' fields). */
function walkChildren(node: JsonSchema, path: string, rows: Map<string, KeyRow>, check: Check, note = ""): void {
  const members = node.anyOf ?? node.oneOf;
  if (members) {
    const discriminator = discriminatorOf(members);
    for (const member of members) walkChildren(member, path, rows, check, discriminatorNote(member, discriminator));
    return;
  }
  if (node.items) return walkChildren(node.items, `${path}[]`, rows, check);
  if (isMap(node)) return walkChildren(node.additionalProperties as JsonSchema, `${path}.<name>`, rows, check);
  const refused: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (child === false) {
      refused.push(key);
      continue;
    }
    const childPath = path ? `${path}.${key}` : key;
    const required = (node.required ?? []).includes(key);
    // The discriminator itself (a constant) says which member it is without the note.
    addRow(child, childPath, required, rows, check, constValues(child) ? "" : note);
    walkChildren(child, childPath, rows, check);
  }
  const owner = rows.get(path) ?? rows.get(path.replace(/(\[\])+$/, ""));
  if (owner && refused.length) owner.allowed.push(`not allowed: ${refused.map((k) => `\`${k}\``).join(", ")}`);
}

/** The property every member of a union of objects fixes to a constant (a discriminated union's `type`). */
function discriminatorOf(members: JsonSchema[]): string | undefined {
  const first = Object.keys(members[0]?.properties ?? {});
  return first.find((key) => members.every((m) => m.properties?.[key] && constValues(m.properties[key] as JsonSchema)));
}

/** "With `type: FQDN`: " for the fields of one member of a discriminated union. */
function discriminatorNote(member: JsonSchema, discriminator: string | undefined): string {
  if (!discriminator) return "";
  const value = constValues(member.properties?.[discriminator] as JsonSchema)?.[0];
  return value === undefined ? "" : `With \`${discriminator}: ${String(value)}\`: `;
}

function addRow(node: JsonSchema, path: string, required: boolean, rows: Map<string, KeyRow>, check: Check, note: string): void {
  const row: KeyRow = {
    path,
    type: typeName(node),
    required,
    default: node.default,
    allowed: allowedValues(node),
    example: node.examples?.[0] ?? derivedExample(node),
    description: node.description ? note + node.description : "",
    problems: [],
  };
  if (!row.description) row.problems.push(`${path}: no description (add .meta({ description }))`);
  if (row.example === undefined) row.problems.push(`${path}: no example (add .meta({ examples }))`);
  else if (!check(node, row.example)) {
    row.problems.push(`${path}: example ${JSON.stringify(row.example)} does not pass the key's schema`);
  }
  const twin = rows.get(path);
  rows.set(path, twin ? mergeRows(twin, row) : row);
}

/** The same path in several union members (a discriminated union's `type`): one row. */
function mergeRows(a: KeyRow, b: KeyRow): KeyRow {
  const union = (x: string, y: string, sep: string) => (x === y ? x : `${x}${sep}${y}`);
  const allowed =
    a.allowed.length === 1 && b.allowed.length === 1 && a.type !== b.type
      ? [`${a.allowed[0]}, ${b.allowed[0]}`]
      : [...new Set([...a.allowed, ...b.allowed])];
  return {
    ...a,
    type: union(a.type, b.type, " | "),
    required: a.required && b.required,
    allowed,
    description: union(a.description, b.description, " "),
    problems: [...a.problems, ...b.problems.filter((p) => !p.includes("does not pass"))],
  };
}

/** Booleans, enums and constants need no example in the metadata: the opposite of the default, the first value. */
function derivedExample(node: JsonSchema): unknown {
  if (node.type === "boolean") return node.default === true ? false : true;
  return (node.enum ?? constValues(node))?.[0];
}
