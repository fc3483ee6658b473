import { z } from "zod";
import { configKeys } from "../../tools/docs/configKeys";
import { JsonSchema } from "../../tools/docs/jsonSchema";
import { configJsonSchema } from "../../tools/docs/stackSchema";
import { cell, code, prose } from "../../tools/docs/markdown";

const rule = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("A"),
    host: z
      .string()
      .regex(/^\w+$/, "a word")
      .meta({ description: "Host.", examples: ["pypi"] }),
  }),
  z.strictObject({
    type: z.literal("B"),
    port: z
      .number()
      .int()
      .min(1)
      .max(9)
      .optional()
      .meta({ description: "Port.", default: 1, examples: [2] }),
  }),
]);
const external = z.strictObject({ inner: z.string() }); // documented by its user through `keys`
const schema = z.strictObject({
  list: z
    .array(z.strictObject({ name: z.string().meta({ description: "Name.", examples: ["x"] }) }))
    .optional()
    .meta({ description: "List.", examples: [[{ name: "x" }]] }),
  rules: z
    .record(z.string(), rule)
    .optional()
    .meta({ description: "Rules.", examples: [{ r: { type: "A", host: "pypi" } }] }),
  ext: external
    .optional()
    .meta({ description: "Ext.", examples: [{ inner: "v" }], keys: { inner: { description: "Inner.", examples: ["v"] } } }),
  flag: z.boolean().optional().meta({ description: "Flag.", default: true }),
  refused: z.unknown().optional().describe("REFUSED"),
  bad: z
    .enum(["a", "b"])
    .optional()
    .meta({ description: "Bad.", examples: ["c"] }),
  bare: z.string().optional(),
});

describe("configKeys, on the JSON Schema z.toJSONSchema makes of a config schema", () => {
  const json = configJsonSchema(schema, "REFUSED") as { properties: Record<string, JsonSchema | false> };
  const rows = configKeys(json.properties);
  const row = (path: string) => rows.find((r) => r.path === path);

  it("walks lists, maps, union members and fields documented by a parent's keys", () => {
    expect(rows.map((r) => r.path)).toEqual([
      "list",
      "list[].name",
      "rules",
      "rules.<name>.type",
      "rules.<name>.host",
      "rules.<name>.port",
      "ext",
      "ext.inner",
      "flag",
      "bad",
      "bare",
    ]);
    expect(row("ext.inner")).toMatchObject({ description: "Inner.", required: true, example: "v", problems: [] });
    expect(json.properties.refused).toBe(false);
  });

  it("merges a discriminator into one row and notes which member a field belongs to", () => {
    expect(row("rules.<name>.type")).toMatchObject({ type: '"A" | "B"', allowed: ['`"A"`, `"B"`'] });
    expect(row("rules.<name>.port")).toMatchObject({ type: "integer", default: 1, required: false, description: "With `type: B`: Port." });
    expect(row("rules.<name>.port")?.allowed).toEqual(["≥ 1", "≤ 9"]);
    // The schema's own words for a pattern, carried in the JSON Schema as `patternErrorMessage`.
    expect(row("rules.<name>.host")?.allowed).toEqual(["a word"]);
  });

  it("derives a boolean's example from its default and reports what is undocumented or wrong", () => {
    expect(row("flag")).toMatchObject({ example: false, default: true, problems: [] });
    expect(row("bad")?.problems).toEqual(['bad: example "c" does not pass the key\'s schema']);
    expect(row("bare")?.problems).toEqual([
      "bare: no description (add .meta({ description }))",
      "bare: no example (add .meta({ examples }))",
    ]);
  });
});

describe("markdown helpers", () => {
  it("escapes emphasis and tags outside code spans, and pipes everywhere", () => {
    expect(prose("Premium_* for <org>, not `<code>*`")).toBe("Premium_\\* for &lt;org&gt;, not `<code>*`");
    expect(cell("a | `b|c`\nd")).toBe("a \\| `b\\|c` d");
    expect(code({ a: [1, 2] })).toBe('`{ "a": [1, 2] }`');
  });
});
