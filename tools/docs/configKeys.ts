import { z } from "zod";
import { KeyDoc, Schema, allowedValues, defOf, typeName, unwrap } from "./zodSchema";

/**
 * Walks a zod config schema into one row per key path (`workspaces[].storage.skuName`), with what a reader needs:
 * type, whether it is required, default, allowed values, an example and a description. Descriptions, defaults and
 * examples come from `.meta()` on the schema (or from a parent's `keys` for schemas defined elsewhere); types and
 * allowed values from the schema itself. Pure: no I/O.
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

/** A key a schema declares only to refuse it with its own message (see stacks/configMessages.ts REFUSED_KEY). */
export interface WalkOptions {
  refusedMarker?: string;
}

/** Every documented key path below `schema`, depth first in declaration order. */
export function configKeys(schema: Schema, options: WalkOptions = {}): KeyRow[] {
  const rows = new Map<string, KeyRow>();
  walkChildren(schema, "", {}, rows, options);
  return [...rows.values()];
}

/**
 * Rows for the keys inside `schema` (object fields, list items' fields, map values' fields, union members' fields).
 * `docs` are a parent's `keys`, by path relative to `schema`.
 */
function walkChildren(
  schema: Schema,
  path: string,
  docs: Record<string, KeyDoc>,
  rows: Map<string, KeyRow>,
  options: WalkOptions,
  note = "",
): void {
  const { core, doc } = unwrap(schema);
  const keyDocs = { ...docs, ...doc.keys };
  const def = defOf(core);
  switch (def.type) {
    case "object": {
      const refused: string[] = [];
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        if (options.refusedMarker && unwrap(child).doc.description === options.refusedMarker) {
          refused.push(key);
          continue;
        }
        const childPath = path ? `${path}.${key}` : key;
        // The discriminator itself (a literal) says which member it is without the note.
        addRow(child, childPath, keyDocs[key], rows, defOf(unwrap(child).core).type === "literal" ? "" : note);
        walkChildren(child, childPath, below(keyDocs, key), rows, options);
      }
      const owner = rows.get(path) ?? rows.get(path.replace(/(\[\])+$/, ""));
      if (owner && refused.length) owner.allowed.push(`not allowed: ${refused.map((k) => `\`${k}\``).join(", ")}`);
      return;
    }
    case "array":
      return walkChildren(def.element as Schema, `${path}[]`, keyDocs, rows, options);
    case "record":
      return walkChildren(def.valueType as Schema, `${path}.<name>`, keyDocs, rows, options);
    case "union":
      for (const option of def.options ?? [])
        walkChildren(option, path, keyDocs, rows, options, discriminatorNote(option, def.discriminator));
      return;
    default:
      return;
  }
}

/** "With `type: FQDN`: " for the fields of one member of a discriminated union. */
function discriminatorNote(option: Schema, discriminator: string | undefined): string {
  if (!discriminator) return "";
  const field = defOf(unwrap(option).core).shape?.[discriminator];
  const value = field ? defOf(unwrap(field).core).values?.[0] : undefined;
  return value === undefined ? "" : `With \`${discriminator}: ${String(value)}\`: `;
}

/** The `keys` entries below `key`, re-rooted (`"create.displayName"` → `"displayName"`). */
function below(keyDocs: Record<string, KeyDoc>, key: string): Record<string, KeyDoc> {
  const prefix = `${key}.`;
  return Object.fromEntries(
    Object.entries(keyDocs)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
}

function addRow(schema: Schema, path: string, parentDoc: KeyDoc | undefined, rows: Map<string, KeyRow>, note: string): void {
  const { optional, doc: ownDoc } = unwrap(schema);
  // What a parent says about the key in its context wins over what the key's schema says in general.
  const doc: KeyDoc = { ...ownDoc, ...parentDoc };
  const row: KeyRow = {
    path,
    type: typeName(schema),
    required: !optional,
    default: doc.default,
    allowed: allowedValues(schema),
    example: doc.examples?.[0] ?? derivedExample(schema, doc),
    description: doc.description ? note + doc.description : "",
    problems: [],
  };
  if (!row.description) row.problems.push(`${path}: no description (add .meta({ description }))`);
  if (row.example === undefined) row.problems.push(`${path}: no example (add .meta({ examples }))`);
  else if (!(schema as z.ZodType).safeParse(row.example).success) {
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

/** Booleans, enums and literals need no example in the metadata: the opposite of the default, the first value. */
function derivedExample(schema: Schema, doc: KeyDoc): unknown {
  const { core } = unwrap(schema);
  const def = defOf(core);
  switch (def.type) {
    case "boolean":
      return doc.default === true ? false : true;
    case "enum":
      return Object.values(def.entries ?? {})[0];
    case "literal":
      return def.values?.[0];
    default:
      return undefined;
  }
}
