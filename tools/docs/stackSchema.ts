import { z } from "zod";
import { NAMESPACE, configSchema } from "../../stacks/config";
import { REFUSED_KEY } from "../../stacks/configMessages";

/**
 * The JSON Schema of a stack file (`stacks/Pulumi.<stack>.yaml`), generated from the config schema with zod's
 * `z.toJSONSchema` and shipped with the package, so editors running the YAML language server validate and complete
 * stack files (`# yaml-language-server: $schema=...` on their first line). Draft 7: the newest draft the YAML
 * language server reads. Generic: every key of `configSchema` appears under `config` as `<namespace>:<key>`. Pure.
 */

export const STACK_SCHEMA_PATH = "schema/stack-config.schema.json";

/** The first line of a bundled stack file: where editors find the schema, relative to the stack file. */
export const STACK_SCHEMA_MODELINE = `# yaml-language-server: $schema=../${STACK_SCHEMA_PATH}`;

type Json = Record<string, unknown>;

/**
 * The JSON Schema of a config object schema, self-contained: what a parent's `keys` documentation says of fields
 * defined elsewhere moved onto those fields, and keys whose description is `refusedMarker` set to `false`.
 */
export function configJsonSchema(schema: z.ZodType, refusedMarker: string = REFUSED_KEY): Json {
  const raw = z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "any", override: annotate }) as Json;
  return resolveDocs(raw, {}, refusedMarker) as Json;
}

/**
 * zod drops `examples` and `default` of a schema that transforms its input when it writes the input's JSON Schema,
 * as they might be outputs. Those written in `.meta()` here document what a user writes (the config reference
 * checks each example against its key's schema), so they are put back.
 */
function annotate(ctx: { zodSchema: z.core.$ZodType; jsonSchema: Json }): void {
  const meta = z.globalRegistry.get(ctx.zodSchema);
  for (const key of ["examples", "default"] as const)
    if (meta?.[key] !== undefined && !(key in ctx.jsonSchema)) ctx.jsonSchema[key] = meta[key];
  const message = typeof ctx.jsonSchema.pattern === "string" ? patternMessage(ctx.zodSchema, ctx.jsonSchema.pattern) : undefined;
  if (message) ctx.jsonSchema.patternErrorMessage = message;
}

/** Strings that fail most patterns: one of them shows the schema's own message for its pattern. */
const PATTERN_PROBES = ["", " ", "\u0000", "-", "/", "x".repeat(300)];

/**
 * The schema's own words for its pattern (`.regex(re, "rule")`), found by parsing a string the pattern refuses:
 * editors (the YAML language server's `patternErrorMessage`) and the config reference show them instead of the
 * regular expression. Undefined for zod's generic message.
 */
function patternMessage(schema: z.core.$ZodType, pattern: string): string | undefined {
  const probe = PATTERN_PROBES.find((text) => !new RegExp(pattern).test(text));
  if (probe === undefined) return undefined;
  const result = z.safeParse(schema, probe);
  const issue = result.error?.issues.find((i) => i.code === "invalid_format" && i.format === "regex");
  return issue && !issue.message.startsWith("Invalid string") ? issue.message : undefined;
}

/** The config keys of the namespace in a stack file schema, without their `<namespace>:` prefix. */
export function namespaceKeys(stackSchema: Json): Record<string, Json> {
  const config = (stackSchema.properties as Record<string, Json>).config;
  const prefix = `${NAMESPACE}:`;
  return Object.fromEntries(
    Object.entries(config.properties as Record<string, Json>).flatMap(([k, v]) =>
      k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [],
    ),
  );
}

/** The schema of the whole stack file. */
export function stackFileSchema(): Json {
  const config = configJsonSchema(configSchema) as Json & { properties: Record<string, unknown> };
  const keys = Object.keys(config.properties);
  const properties = Object.fromEntries(keys.map((key) => [`${NAMESPACE}:${key}`, config.properties[key]]));
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Pulumi stack file of azure-ml-workspaces",
    description: `A stack's settings (stacks/Pulumi.<stack>.yaml). Keys of the \`${NAMESPACE}:\` namespace are checked here; the program checks the rest before anything is registered (docs/config-reference.md).`,
    type: "object",
    properties: {
      config: {
        description: "Stack config: `<namespace>:<key>` entries.",
        type: "object",
        properties: {
          "azure-native:location": { description: "The Azure region of the whole stack.", type: "string", examples: ["westeurope"] },
          ...properties,
        },
        // Other namespaces (azure-native:, pulumi:, ...) are theirs to check; a misspelt key of ours is refused.
        patternProperties: { [`^${escape(NAMESPACE)}:(?!(?:${keys.map(escape).join("|")})$)`]: false },
      },
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Makes the generated schema self-contained for editors: the `keys` documentation a parent gives for fields defined
 * elsewhere becomes those fields' own `description`/`default`/`examples`, and a key declared only to be refused
 * becomes `false` (never valid).
 */
function resolveDocs(node: unknown, docs: Record<string, Json>, refused: string): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveDocs(item, docs, refused));
  if (node === null || typeof node !== "object") return node;
  const { keys, ...rest } = node as Json & { keys?: Record<string, Json> };
  const here: Record<string, Json> = { ...docs, ...(keys ?? {}) };
  const out: Json = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === "properties" && value && typeof value === "object") {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Json>).map(([name, child]) => {
          if (child && (child as Json).description === refused) return [name, false];
          // What a parent says about the key in its context wins over what the key's schema says in general.
          const own = here[name] ? { ...child, ...withoutKeys(here[name]) } : child;
          return [name, resolveDocs(own, below(here, name), refused)];
        }),
      );
    } else if (key === "items" || key === "additionalProperties" || key === "anyOf" || key === "oneOf" || key === "allOf") {
      out[key] = resolveDocs(value, here, refused);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function withoutKeys(doc: Json): Json {
  const { keys: _keys, ...rest } = doc;
  return rest;
}

/** The `keys` entries below `name`, re-rooted (`"create.displayName"` → `"displayName"`). */
function below(docs: Record<string, Json>, name: string): Record<string, Json> {
  const prefix = `${name}.`;
  return Object.fromEntries(Object.entries(docs).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));
}
