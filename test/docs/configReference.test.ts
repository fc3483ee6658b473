/**
 * docs/config-reference.md and schema/stack-config.schema.json, as committed, agree: every key path of the JSON
 * Schema has a row in the reference with the same type, default, required mark and description, and every row of the
 * reference is a key path of the schema. Read from the files, so a stale or hand-edited one fails here.
 */
import * as fs from "fs";
import * as path from "path";
import { NAMESPACE } from "../../stacks/config";
import { cell, code, prose } from "../../tools/docs/markdown";
import { CONFIG_REFERENCE_PATH } from "../../tools/docs/configReference";
import { STACK_SCHEMA_PATH, namespaceKeys } from "../../tools/docs/stackSchema";

const REPO_ROOT = path.resolve(__dirname, "../..");
type Json = Record<string, unknown>;

interface Key {
  node: Json;
  required: boolean;
}

/** Every key path of a JSON Schema, spelt as the reference spells them (`a[].b`, `a.<name>.c`); union twins kept. */
function schemaPaths(node: Json, at: string, out: Map<string, Key[]>): Map<string, Key[]> {
  for (const member of [...((node.anyOf as Json[]) ?? []), ...((node.oneOf as Json[]) ?? [])]) schemaPaths(member, at, out);
  if (node.items) schemaPaths(node.items as Json, `${at}[]`, out);
  if (!node.properties && node.additionalProperties && typeof node.additionalProperties === "object")
    schemaPaths(node.additionalProperties as Json, `${at}.<name>`, out);
  for (const [key, child] of Object.entries((node.properties as Record<string, Json | false>) ?? {})) {
    if (child === false) continue; // a key refused with its own message
    const p = at ? `${at}.${key}` : key;
    const required = ((node.required as string[]) ?? []).includes(key);
    out.set(p, [...(out.get(p) ?? []), { node: child, required }]);
    schemaPaths(child, p, out);
  }
  return out;
}

/** The key rows of the reference's tables: cells split on unescaped pipes, path without its code span. */
function referenceRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of markdown.split("\n").filter((l) => l.startsWith("| `"))) {
    const cells = line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((c) => c.trim());
    rows.set(cells[0].replace(/^`|`$/g, ""), cells);
  }
  return rows;
}

/** What the Type column must say of a node, independent of the generator: its JSON type in the reference's words. */
function typeWord(node: Json): string | undefined {
  if ("const" in node) return JSON.stringify(node.const);
  if (node.type === "array") return "list of";
  if (node.type === "object" && !node.properties && typeof node.additionalProperties === "object") return "map of";
  return typeof node.type === "string" ? node.type : undefined;
}

describe("docs/config-reference.md and the shipped JSON Schema", () => {
  const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, STACK_SCHEMA_PATH), "utf8")) as Json;
  const paths = schemaPaths({ properties: namespaceKeys(shipped) }, "", new Map());
  const rows = referenceRows(fs.readFileSync(path.join(REPO_ROOT, CONFIG_REFERENCE_PATH), "utf8"));

  it("document the same key paths", () => {
    expect(paths.size).toBeGreaterThan(100);
    expect([...rows.keys()].sort()).toEqual([...paths.keys()].sort());
  });

  it.each([...paths.keys()])("%s: same type, default, required mark and description", (key) => {
    const [, type, defaultCell, , , description] = rows.get(key) ?? [];
    for (const { node } of paths.get(key) ?? []) {
      const word = typeWord(node);
      if (word) expect({ key, type }).toEqual({ key, type: expect.stringContaining(word) });
      if (typeof node.description === "string")
        expect({ key, description }).toEqual({ key, description: expect.stringContaining(cell(prose(node.description))) });
    }
    const defaults = (paths.get(key) ?? []).filter((k) => "default" in k.node).map((k) => k.node.default);
    if (defaults.length > 0) {
      const value = defaults[0];
      const type = typeWord(paths.get(key)![0].node);
      const words = typeof value === "string" && type !== "string" && !type?.startsWith('"');
      expect({ key, defaultCell }).toEqual({ key, defaultCell: cell(words ? prose(value as string) : code(value)) });
    } else {
      const required = (paths.get(key) ?? []).every((k) => k.required);
      expect({ key, defaultCell }).toEqual({ key, defaultCell: required ? "**required**" : "" });
    }
  });

  it("has the namespace the schema's keys are under", () => {
    expect(Object.keys((shipped.properties as Record<string, Json>).config.properties as Json)).toContain(`${NAMESPACE}:workspaces`);
  });
});
