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

/** The schema of the whole stack file. */
export function stackFileSchema(): Json {
  const raw = z.toJSONSchema(configSchema, { target: "draft-7", io: "input", unrepresentable: "any" }) as Json;
  const config = resolveDocs(raw) as Json & { properties: Record<string, unknown> };
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
function resolveDocs(node: unknown, docs: Record<string, Json> = {}): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveDocs(item, docs));
  if (node === null || typeof node !== "object") return node;
  const { keys, ...rest } = node as Json & { keys?: Record<string, Json> };
  const here: Record<string, Json> = { ...docs, ...(keys ?? {}) };
  const out: Json = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === "properties" && value && typeof value === "object") {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Json>).map(([name, child]) => {
          if (child && (child as Json).description === REFUSED_KEY) return [name, false];
          // What a parent says about the key in its context wins over what the key's schema says in general.
          const own = here[name] ? { ...child, ...withoutKeys(here[name]) } : child;
          return [name, resolveDocs(own, below(here, name))];
        }),
      );
    } else if (key === "items" || key === "additionalProperties" || key === "anyOf" || key === "oneOf" || key === "allOf") {
      out[key] = resolveDocs(value, here);
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
