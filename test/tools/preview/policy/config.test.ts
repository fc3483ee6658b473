import fc from "fast-check";
import {
  ENFORCEMENT_LEVELS,
  needsRemediation,
  readPolicyConfig,
  reconcilePolicyConfig,
  type PackMetadata,
  type PolicyConfigMap,
} from "../../../../tools/preview/policy/config";

const parsePolicyConfig = (text: string, file: string) => readPolicyConfig(file, text);
const effectiveLevels = (config: PolicyConfigMap) => new Map(pack.policies.map((p) => [p.name, config[p.name].enforcementLevel]));

const pack: PackMetadata = {
  name: "pack",
  version: "1.0.0",
  policies: [
    { name: "res-a", enforcementLevel: "mandatory", resourcePolicy: true },
    { name: "res-b", enforcementLevel: "advisory", resourcePolicy: true },
    {
      name: "tags",
      enforcementLevel: "advisory",
      resourcePolicy: true,
      configSchema: {
        properties: { requiredTags: { type: "array", items: { type: "string" }, default: ["owner"] }, note: { type: "string" } },
        required: [],
      },
    },
    { name: "stack-x", enforcementLevel: "mandatory", resourcePolicy: false },
  ],
  initialConfig: {},
};

describe("readPolicyConfig", () => {
  it("accepts level strings and objects, splitting enforcementLevel from properties", () => {
    const parsed = parsePolicyConfig(
      JSON.stringify({ all: "mandatory", "res-b": { enforcementLevel: "disabled", x: 1 }, tags: { requiredTags: ["a"] } }),
      "f.json",
    );
    expect(parsed).toEqual({
      all: { enforcementLevel: "mandatory", properties: {} },
      "res-b": { enforcementLevel: "disabled", properties: { x: 1 } },
      tags: { properties: { requiredTags: ["a"] } },
    });
  });

  it("treats an empty file as no config and drops entries that say nothing", () => {
    expect(parsePolicyConfig("  \n", "f.json")).toEqual({});
    expect(parsePolicyConfig('{"res-a": {}}', "f.json")).toEqual({});
  });

  it.each([
    ["{", /^policy config f\.json: not valid JSON/],
    ["[]", /^policy config f\.json: must be a JSON object$/],
    ['{"res-a": "strict"}', /^policy config f\.json: "res-a": "strict" is not a valid enforcement level/],
    ['{"res-a": {"enforcementLevel": 3}}', /^policy config f\.json: "res-a\.enforcementLevel": 3 is not a valid enforcement level/],
    ['{"res-a": 7}', /^policy config f\.json: "res-a": 7 is not valid; must be an enforcement level string or an object$/],
  ])("rejects %s with one line naming the file and key", (text, message) => {
    let error: Error | undefined;
    try {
      parsePolicyConfig(text, "f.json");
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain("\n");
  });

  it("round-trips any map of policy names to levels", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((k) => k !== "__proto__"),
          fc.constantFrom(...ENFORCEMENT_LEVELS),
        ),
        (levels) => {
          const parsed = parsePolicyConfig(JSON.stringify(levels), "f.json");
          expect(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.enforcementLevel]))).toEqual(levels);
        },
      ),
    );
  });
});

describe("reconcilePolicyConfig", () => {
  it("starts from each policy's level and schema defaults", () => {
    const config = reconcilePolicyConfig(pack);
    expect(config["res-a"]).toEqual({ enforcementLevel: "mandatory", properties: {} });
    expect(config.tags).toEqual({ enforcementLevel: "advisory", properties: { requiredTags: ["owner"] } });
  });

  it("applies `all` first, then per-policy levels and properties on top", () => {
    const config = reconcilePolicyConfig(
      pack,
      parsePolicyConfig(JSON.stringify({ all: "advisory", "stack-x": "disabled", tags: { note: "n" } }), "f"),
    );
    const levels = effectiveLevels(config);
    expect(Object.fromEntries(levels)).toEqual({ "res-a": "advisory", "res-b": "advisory", tags: "advisory", "stack-x": "disabled" });
    expect(config.tags.properties).toEqual({ requiredTags: ["owner"], note: "n" });
    // The CLI sends the `all` entry along; it is not a policy.
    expect(config.all.enforcementLevel).toBe("advisory");
    expect(levels.has("all")).toBe(false);
  });

  it("layers the pack's initial config between defaults and the file", () => {
    const withInitial: PackMetadata = {
      ...pack,
      initialConfig: {
        "res-b": { enforcementLevel: "mandatory", properties: {} },
        tags: { enforcementLevel: "advisory", properties: { requiredTags: ["cost"] } },
      },
    };
    const config = reconcilePolicyConfig(withInitial, parsePolicyConfig('{"tags": {"requiredTags": ["env"]}}', "f"));
    expect(config["res-b"].enforcementLevel).toBe("mandatory");
    expect(config.tags.properties.requiredTags).toEqual(["env"]);
  });

  it("rejects a policy the pack does not have, listing the ones it has", () => {
    expect(() => reconcilePolicyConfig(pack, parsePolicyConfig('{"res-c": "mandatory"}', "f"), "policy config f")).toThrow(
      'policy config f: unknown policy "res-c" (pack pack has: res-a, res-b, stack-x, tags)',
    );
  });

  it("validates the merged properties against the policy's config schema", () => {
    expect(() => reconcilePolicyConfig(pack, parsePolicyConfig('{"tags": {"requiredTags": "owner"}}', "f"), "policy config f")).toThrow(
      /^policy config f: tags\.requiredTags: .*expected array/,
    );
  });
});

describe("needsRemediation", () => {
  it("is true only when a resource policy ends up at `remediate`", () => {
    expect(needsRemediation(pack, reconcilePolicyConfig(pack))).toBe(false);
    expect(needsRemediation(pack, reconcilePolicyConfig(pack, parsePolicyConfig('{"stack-x": "remediate"}', "f")))).toBe(false);
    expect(needsRemediation(pack, reconcilePolicyConfig(pack, parsePolicyConfig('{"res-b": "remediate"}', "f")))).toBe(true);
  });
});
