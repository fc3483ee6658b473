/**
 * What the config reference reads of a JSON Schema node (draft 7, as `z.toJSONSchema` writes it): a readable type
 * and the allowed values (enums, constants, bounds, patterns, formats). Pure.
 */

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema | false>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  /** The pattern's rule in words (the YAML language server shows it when a value does not match). */
  patternErrorMessage?: string;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

const membersOf = (node: JsonSchema): JsonSchema[] | undefined => node.anyOf ?? node.oneOf;

/** A map (`z.record`): values under any key, no fixed properties. */
export const isMap = (node: JsonSchema): boolean =>
  !node.properties && typeof node.additionalProperties === "object" && node.additionalProperties !== null;

/** The values a constant allows (`const`, or an enum of one type that stands for a literal). */
export function constValues(node: JsonSchema): unknown[] | undefined {
  if ("const" in node) return [node.const];
  return undefined;
}

export function typeName(node: JsonSchema): string {
  const members = membersOf(node);
  if (members) return [...new Set(members.map(typeName))].join(" or ");
  const consts = constValues(node);
  if (consts) return consts.map((v) => JSON.stringify(v)).join(" | ");
  if (node.type === "array") return `list of ${typeName(node.items ?? {})}`;
  if (isMap(node)) return `map of ${typeName(node.additionalProperties as JsonSchema)}`;
  if (Array.isArray(node.type)) return node.type.join(" or ");
  return node.type ?? "any";
}

/** Enum values, constants, union forms, number ranges, lengths, formats and patterns. */
export function allowedValues(node: JsonSchema): string[] {
  const allowed: string[] = [];
  if (node.enum) allowed.push(node.enum.map((v) => `\`${String(v)}\``).join(", "));
  const consts = constValues(node);
  if (consts) allowed.push(consts.map((v) => `\`${JSON.stringify(v)}\``).join(", "));
  const members = membersOf(node);
  if (members) allowed.push(`one of: ${members.map(formOf).join(" · ")}`);
  allowed.push(...bounds(node));
  if (node.items) allowed.push(...allowedValues(node.items).map((rule) => `each: ${rule}`));
  if (node.propertyNames) allowed.push(...allowedValues(node.propertyNames).map((rule) => `keys: ${rule}`));
  if (isMap(node)) {
    const value = node.additionalProperties as JsonSchema;
    if (!isContainer(value)) allowed.push(...allowedValues(value).map((rule) => `values: ${rule}`));
  }
  return allowed;
}

function bounds(node: JsonSchema): string[] {
  const out: string[] = [];
  const range = [
    ["minimum", "≥ "],
    ["exclusiveMinimum", "> "],
    ["maximum", "≤ "],
    ["exclusiveMaximum", "< "],
  ] as const;
  for (const [key, text] of range) {
    const bound = node[key];
    // zod's integers carry the safe-integer range: a limit of the language, not a rule of the key.
    if (bound !== undefined && Math.abs(bound) !== Number.MAX_SAFE_INTEGER) out.push(`${text}${bound}`);
  }
  if (node.minLength === 1) out.push("not empty");
  else if (node.minLength !== undefined) out.push(`at least ${node.minLength} characters`);
  if (node.maxLength !== undefined) out.push(`at most ${node.maxLength} characters`);
  if (node.minItems !== undefined) out.push(`at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}`);
  if (node.maxItems !== undefined) out.push(`at most ${node.maxItems} item${node.maxItems === 1 ? "" : "s"}`);
  // A format names the rule in a word; zod writes its pattern beside it.
  if (node.format) out.push(`format: ${node.format}`);
  else if (node.patternErrorMessage) out.push(node.patternErrorMessage);
  else if (node.pattern) out.push(`matches \`${node.pattern}\``);
  return out;
}

/** A union member in a few characters: `{ existingId }`, `false`, `string`. */
function formOf(member: JsonSchema): string {
  if (member.properties) return `\`{ ${Object.keys(member.properties).join(", ")} }\``;
  const consts = constValues(member);
  if (consts) return `\`${consts.map((v) => JSON.stringify(v)).join(" | ")}\``;
  return typeName(member);
}

function isContainer(node: JsonSchema): boolean {
  const members = membersOf(node);
  if (members) return members.some(isContainer);
  if (node.properties) return true;
  if (node.items) return isContainer(node.items);
  if (isMap(node)) return isContainer(node.additionalProperties as JsonSchema);
  return false;
}
