import fc from "fast-check";
import * as naming from "../../components/naming";

/** Valid logical names: hyphen-joined runs of lowercase letters and digits, starting with a letter, 2-24 long. */
const logicalName = fc
  .tuple(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 }))
  .map(([first, parts]) => `${first}${parts.join("-")}`.slice(0, 24).replace(/-+$/, ""))
  .filter((name) => naming.LOGICAL_NAME.test(name));
const suffix = fc.string().map(naming.stackSuffix);

type Generator = (logical: string, suffix: string) => string;
/** Every physical-name generator with the ARM rule its result must obey. */
const GENERATORS: [string, Generator, RegExp][] = [
  ["storage account", naming.storageAccountName, naming.ARM_NAME_RULES.storageAccount],
  ["key vault", naming.keyVaultName, naming.ARM_NAME_RULES.keyVault],
  ["container registry", naming.containerRegistryName, naming.ARM_NAME_RULES.containerRegistry],
  ["workspace", (l, s) => naming.workspaceName(l, s), naming.ARM_NAME_RULES.workspace],
  ["hub", (l, s) => naming.workspaceName(l, s, "hub"), naming.ARM_NAME_RULES.workspace],
  ["project", (l, s) => naming.workspaceName(l, s, "prj"), naming.ARM_NAME_RULES.workspace],
  ["Log Analytics", naming.logAnalyticsName, naming.ARM_NAME_RULES.logAnalytics],
  ["Application Insights", naming.applicationInsightsName, naming.ARM_NAME_RULES.applicationInsights],
  ["resource group", (l) => naming.resourceGroupName(l), naming.ARM_NAME_RULES.resourceGroup],
  ["budget", (l) => naming.budgetName(l), naming.ARM_NAME_RULES.budget],
];

describe("physical names", () => {
  it("the logical-name arbitrary covers the edges: 2 and 24 characters, hyphens, digits", () => {
    const samples = fc.sample(logicalName, { numRuns: 2000, seed: 7 });
    expect(samples.some((n) => n.length === 2)).toBe(true);
    expect(samples.some((n) => n.length === 24)).toBe(true);
    expect(samples.some((n) => n.includes("-"))).toBe(true);
    expect(samples.some((n) => /\d/.test(n))).toBe(true);
  });

  it.each(GENERATORS)("%s names obey the ARM rule for any valid logical name and stack suffix", (_, generate, rule) => {
    fc.assert(
      fc.property(logicalName, suffix, (logical, sfx) => rule.test(generate(logical, sfx))),
      { numRuns: 500 },
    );
  });

  it.each(GENERATORS)("%s names are the same on every call", (_, generate) => {
    fc.assert(
      fc.property(logicalName, fc.string(), (logical, seed) => {
        expect(generate(logical, naming.stackSuffix(seed))).toBe(generate(logical, naming.stackSuffix(seed)));
      }),
    );
  });

  it("keeps the names of deployed resources: short names without hyphens are unchanged, others as pinned here", () => {
    expect(naming.storageAccountName("teamb", "abc123")).toBe("stteambabc123");
    expect(naming.containerRegistryName("mlshared", "abc123")).toBe("crmlsharedabc123");
    expect(naming.keyVaultName("team-b", "abc123")).toBe("kv-team-b-abc123");
    expect(naming.workspaceName("team-b", "abc123")).toBe("mlw-team-b-abc123");
    expect(naming.logAnalyticsName("team-b", "abc123")).toBe("log-team-b-abc123");
    expect(naming.stackSuffix("azure-ml-workspaces/team-b")).toBe("196bcc");
    // Hyphens and shortening are replaced by a hash of the whole logical name (a change of name replaces the resource).
    expect(naming.storageAccountName("team-b", "abc123")).toBe("stteambe618abc123");
    expect(naming.keyVaultName("research-vision-east", "abc123")).toBe("kv-research-7737-abc123");
  });
});

describe("stack suffixes", () => {
  it("are 6 lowercase hex characters, the same for the same seed", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(naming.stackSuffix(seed)).toMatch(/^[0-9a-f]{6}$/);
        expect(naming.stackSuffix(seed)).toBe(naming.stackSuffix(seed));
      }),
    );
  });

  it("differ for different seeds", () => {
    // 24 bits: a random pair collides with probability 6e-8, so any failure here is a real defect.
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => a === b || naming.stackSuffix(a) !== naming.stackSuffix(b)),
      { numRuns: 1000 },
    );
  });

  it("rarely collide across many stacks", () => {
    const seeds = Array.from({ length: 5000 }, (_, i) => `azure-ml-workspaces/stack-${i}`);
    const collisions = seeds.length - new Set(seeds.map(naming.stackSuffix)).size;
    // Birthday bound for 5,000 seeds over 2^24 suffixes: 0.75 expected; the seeds are fixed, so this cannot flake.
    expect(collisions).toBeLessThanOrEqual(3);
  });
});

describe("distinct logical names give distinct globally unique names", () => {
  const distinctPair = fc.tuple(logicalName, logicalName).filter(([a, b]) => a !== b);
  /** Each global generator with the logical names it uses whole, without dropping hyphens or cutting. */
  const GLOBAL: [string, Generator, (logical: string) => boolean][] = [
    ["storage account", naming.storageAccountName, (l) => /^[a-z0-9]{1,16}$/.test(l)],
    ["key vault", naming.keyVaultName, (l) => l.length <= 14],
    ["container registry", naming.containerRegistryName, (l) => !l.includes("-")],
    ["workspace", (l, s) => naming.workspaceName(l, s), (l) => l.length <= 22],
  ];

  it.each(GLOBAL)("%s: always, when both names fit whole", (_, generate, fitsWhole) => {
    fc.assert(
      fc.property(distinctPair, suffix, ([a, b], sfx) => {
        fc.pre(fitsWhole(a) && fitsWhole(b));
        return generate(a, sfx) !== generate(b, sfx);
      }),
      { numRuns: 300 },
    );
  });

  // Shortened names differ by a 16-bit hash of the full name, so these properties hold up to a 1/65536 chance:
  // fixed seeds keep them deterministic.
  it.each(GLOBAL)("%s: also when hyphens are dropped or long names are cut", (_, generate) => {
    fc.assert(
      fc.property(distinctPair, suffix, ([a, b], sfx) => generate(a, sfx) !== generate(b, sfx)),
      { numRuns: 2000, seed: 42 },
    );
    const hyphenTwins = logicalName
      .map((name) => [name, name.replace(/-/g, "")] as const)
      .filter(([a, b]) => a !== b && naming.LOGICAL_NAME.test(b));
    fc.assert(
      fc.property(hyphenTwins, suffix, ([a, b], sfx) => generate(a, sfx) !== generate(b, sfx)),
      { numRuns: 500, seed: 42 },
    );
    const longPrefix = fc
      .tuple(fc.stringMatching(/^[a-z]{20}$/), fc.stringMatching(/^[a-z0-9]{1,4}$/), fc.stringMatching(/^[a-z0-9]{1,4}$/))
      .filter(([, x, y]) => x !== y)
      .map(([stem, x, y]) => [stem + x, stem + y] as const);
    fc.assert(
      fc.property(longPrefix, suffix, ([a, b], sfx) => generate(a, sfx) !== generate(b, sfx)),
      { numRuns: 500, seed: 42 },
    );
  });

  it("team-a and teama, which used to share a storage account name, no longer do", () => {
    expect(naming.storageAccountName("team-a", "abc123")).not.toBe(naming.storageAccountName("teama", "abc123"));
    expect(naming.containerRegistryName("team-a", "abc123")).not.toBe(naming.containerRegistryName("teama", "abc123"));
  });
});

describe("AZ-NAME-02 reserved words (ReservedResourceName)", () => {
  it("refuses the listed words as a whole name only, ignoring case", () => {
    for (const word of naming.RESERVED_WHOLE_NAMES) {
      expect(naming.reservedWord(word.toUpperCase())).toEqual({ word, where: "as a whole name" });
      expect(naming.reservedWord(`${word}-lab`)).toBeUndefined();
    }
  });

  it("refuses MICROSOFT and WINDOWS anywhere in a name", () => {
    expect(naming.reservedWord("stmicrosoftml01")).toEqual({ word: "microsoft", where: "anywhere in a name" });
    expect(naming.reservedWord("kv-team-Windows-1")).toEqual({ word: "windows", where: "anywhere in a name" });
    expect(naming.reservedWord("micro-soft")).toBeUndefined();
  });

  it("refuses LOGIN at the start only", () => {
    expect(naming.reservedWord("loginportal")).toEqual({ word: "login", where: "at the start of a name" });
    expect(naming.reservedWord("mlw-login-portal")).toBeUndefined();
  });
});

describe("AZ-NAME-03 nameClashes", () => {
  const entry = (scope: string, kind: string, name: string, owner: number, ignoreCase = true) => ({ scope, kind, name, ignoreCase, owner });

  it("reports a second entry of one type, scope and name with the first, ignoring case where Azure does", () => {
    const clashes = naming.nameClashes([
      entry("rg-a", "workspace", "mlw-x", 1),
      entry("RG-A", "workspace", "MLW-X", 2),
      entry("rg-b", "workspace", "mlw-x", 3),
      entry("rg-a", "budget", "mlw-x", 4),
      entry("global", "blob", "Data", 5, false),
      entry("global", "blob", "data", 6, false),
    ]);
    expect(clashes.map(({ first, again }) => [first.owner, again.owner])).toEqual([[1, 2]]);
  });
});
