import type { Policy } from "@pulumi/policy";
import { policyEntries } from "../../tools/docs/policyReference";
import { exportedConstTags, packEnforcementLevel } from "../../tools/docs/policySource";

describe("policySource", () => {
  it("reads @why and @configExample from the JSDoc of exported consts, joined into one line", () => {
    const text = [
      "/** Module note. */",
      "",
      "/**",
      " * @why First line",
      " *   continues here.",
      ' * @configExample { "tags": ["a"] }',
      " */",
      "export const tagged: Policy = { name: 'x' };",
      "const hidden = 1;",
    ].join("\n");
    const tags = exportedConstTags([{ fileName: "rules.ts", text }]);
    expect(tags.get("tagged")).toEqual({ why: "First line continues here.", configExample: '{ "tags": ["a"] }' });
    expect(tags.has("hidden")).toBe(false);
  });

  it("finds the pack's default level in new PolicyPack(...)", () => {
    expect(packEnforcementLevel('new PolicyPack(packName, { enforcementLevel: "mandatory", policies: [] });')).toBe("mandatory");
    expect(packEnforcementLevel("new PolicyPack(packName, { policies: [] });")).toBeUndefined();
  });
});

describe("policyEntries", () => {
  const configurable = {
    name: "p-config",
    description: "Checks tags.",
    validateResource: () => undefined,
    configSchema: { properties: { tags: { type: "array", items: { type: "string", enum: ["a", "b"] }, description: "Tags." } } },
  } as unknown as Policy;
  const plain = {
    name: "p-plain",
    description: "Checks.",
    enforcementLevel: "mandatory",
    validateStack: () => undefined,
  } as unknown as Policy;
  const names = new Map<Policy, string>([
    [configurable, "configurable"],
    [plain, "plain"],
  ]);

  it("takes the pack's level for a policy without one and reads settings from configSchema", () => {
    const tags = new Map([
      ["configurable", { why: "Because.", configExample: '{ "tags": ["a"] }' }],
      ["plain", { why: "Because." }],
    ]);
    const { entries, problems } = policyEntries([configurable, plain], names, tags, "advisory");
    expect(problems).toEqual([]);
    expect(entries[0]).toMatchObject({ level: "advisory", levelFromPack: true, kind: "resource", configExample: { tags: ["a"] } });
    expect(entries[0].config).toEqual([
      { key: "tags", type: "list of string", default: undefined, allowed: ["`a`, `b`"], description: "Tags." },
    ]);
    expect(entries[1]).toMatchObject({ level: "mandatory", levelFromPack: false, kind: "stack", remediable: false });
  });

  it("reports a missing @why, a bad @configExample and a setting without an example", () => {
    const tags = new Map([["configurable", { configExample: '{ "tags": ["z"], "other": 1 }' }]]);
    const { problems } = policyEntries([configurable, plain], names, tags, "advisory");
    expect(problems).toEqual([
      "p-config: no @why in the JSDoc of configurable",
      'p-config: @configExample tags has a value outside ["a","b"]',
      "p-config: @configExample sets other, which is not in its configSchema",
      "p-plain: no @why in the JSDoc of plain",
    ]);
    const noExample = policyEntries([configurable], names, new Map([["configurable", { why: "x" }]]), "advisory");
    expect(noExample.problems).toEqual(["p-config: has config properties but no @configExample"]);
  });
});
