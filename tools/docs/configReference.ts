import { NAMESPACE } from "../../stacks/config";
import { KeyRow, configKeys } from "./configKeys";
import { GENERATED_NOTE, anchor, cell, code, prose, table } from "./markdown";
import { STACK_SCHEMA_PATH, namespaceKeys, stackFileSchema } from "./stackSchema";

/**
 * docs/config-reference.md, generated from the JSON Schema of stack files (`stackFileSchema()`, shipped as
 * schema/stack-config.schema.json), which `z.toJSONSchema` makes of the config schema and its `.meta()`
 * documentation: one section per top-level key, one row per key path. Pure; `cli.ts` writes the file.
 */

export const CONFIG_REFERENCE_PATH = "docs/config-reference.md";

/** The rows of the reference, from a stack file JSON Schema (the generated one unless given). */
export function configReferenceRows(stackSchema: Record<string, unknown> = stackFileSchema()): KeyRow[] {
  return configKeys(namespaceKeys(stackSchema));
}

export function renderConfigReference(rows: KeyRow[] = configReferenceRows()): string {
  const sections = new Map<string, KeyRow[]>();
  for (const row of rows) {
    const top = row.path.split(/[.[]/)[0];
    sections.set(top, [...(sections.get(top) ?? []), row]);
  }
  const out = [
    "# Stack config reference",
    "",
    GENERATED_NOTE(`\`${STACK_SCHEMA_PATH}\` (from the config schema, \`stacks/config\`)`),
    "",
    `Every key of the \`${NAMESPACE}:\` namespace in a stack file (\`stacks/Pulumi.<stack>.yaml\`), with its type, default,`,
    "allowed values, an example and what it does. Every key is optional unless marked **required**; a required key is",
    "required only when the object around it is given. A bad value fails the preview in seconds with one line naming",
    "the key, the value and the rule, before anything is registered.",
    "",
    "- `a.b` is key `b` inside object `a`; `a[]` is an item of list `a`; `a.<name>` is the value under any key of map `a`.",
    "- Values are shown as JSON, which is also valid YAML; the example of a key is one valid value for it.",
    "- Set a value with `pulumi config set --path` or in the YAML file:",
    "",
    "```yaml",
    "config:",
    "  azure-native:location: westeurope            # required by the program: the region of the whole stack",
    `  ${NAMESPACE}:workspaces:`,
    "    - name: team-x",
    "      sharedResources: { stack: shared }",
    "```",
    "",
    "More: the annotated example in the [README](../README.md#platform-teams) and the bundled stacks in `stacks/`.",
    "",
    "| Key | What |",
    "|---|---|",
    ...[...sections.entries()].map(
      ([top, own]) => `| [\`${top}\`](#${anchor(`${NAMESPACE}:${top}`)}) | ${cell(prose(own[0].description))} |`,
    ),
  ];
  for (const [top, own] of sections) {
    out.push(
      "",
      `## ${NAMESPACE}:${top}`,
      "",
      table(["Key", "Type", "Default", "Allowed values", "Example", "Description"], own.map(renderRow)),
    );
  }
  return out.join("\n") + "\n";
}

function renderRow(row: KeyRow): string[] {
  const example = row.example === undefined ? "" : code(row.example);
  return [`\`${row.path}\``, row.type, defaultCell(row), prose(row.allowed.join("; ")), example, prose(row.description)];
}

function defaultCell(row: KeyRow): string {
  if (row.default === undefined) return row.required ? "**required**" : "";
  // A default described in words ("the subscription") for a key whose values are not words.
  if (typeof row.default === "string" && row.type !== "string" && !row.type.startsWith('"')) return prose(row.default);
  return code(row.default);
}
