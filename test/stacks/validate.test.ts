import fc from "fast-check";
import { formatConfigIssue, validateConfig } from "../../stacks/validate";

const TOP_KEYS = ["workspaces", "hubs", "shared", "tags", "requiredTags", "nameSeed", "protect", "groups", "customRoles"];
const LINE = /^config [\w-]+:\S.* = .+: .+$/;

describe("validateConfig", () => {
  it("never throws and reports every problem of arbitrary input as one line naming key, value and rule", () => {
    const workspaceLike = fc.dictionary(
      fc.constantFrom("name", "storage", "keyVault", "tags", "access", "managedNetwork", "projects", "typo"),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const raw = fc.dictionary(
      fc.constantFrom(...TOP_KEYS, "unknownKey"),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(workspaceLike, { maxLength: 3 })),
    );
    fc.assert(
      fc.property(raw, (input) => {
        const { config, issues } = validateConfig(input as Record<string, unknown>);
        if (config) return;
        expect(issues.length).toBeGreaterThan(0);
        for (const issue of issues) expect(formatConfigIssue(issue)).toMatch(LINE);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a key or value with a line break on one line", () => {
    const { issues } = validateConfig({ workspaces: [{ name: "team-a", "friendly\nName": "a\nb" }] });
    const line = formatConfigIssue(issues[0]);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toContain('unknown key "friendly\\nName"');
  });

  it("lists every unknown key of one object in its message", () => {
    const { issues } = validateConfig({ workspaces: [{ name: "team-a", colour: "blue", size: 3 }] });
    expect(formatConfigIssue(issues[0])).toContain('workspaces[0].colour = "blue": unknown keys "colour", "size"; allowed keys: name, ');
  });

  it("suggests nothing when no allowed key is near", () => {
    const { issues } = validateConfig({ shared: { name: "mlshared", zzz: 1 } });
    expect(formatConfigIssue(issues[0])).toBe(
      'config azure-ml-workspaces:shared.zzz = 1: unknown key "zzz"; allowed keys: name, aliases, protect, resourceGroup, storage, keyVault, monitoring, containerRegistry, locks, access',
    );
  });

  it("does not list the keys a project refuses with their own message as allowed", () => {
    const { issues } = validateConfig({ hubs: [{ name: "research", projects: [{ name: "vision", acess: [] }] }] });
    const line = formatConfigIssue(issues[0]);
    expect(line).toContain('unknown key "acess" (did you mean "access"?)');
    expect(line).not.toMatch(/allowed keys: .*storageAccount/);
  });

  it("checks the region and namespaces only when given the engine's config", () => {
    expect(validateConfig({}).issues).toEqual([]);
    const { issues } = validateConfig({}, { "azure-ml-workspace:protect": "false" });
    expect(issues.map(formatConfigIssue)).toEqual([
      'config azure-ml-workspace:protect = false: unknown namespace "azure-ml-workspace" (did you mean "azure-ml-workspaces:protect"?): nothing reads this key',
      "config azure-native:location = undefined: is missing: set the Azure region, e.g. `pulumi config set azure-native:location westeurope`",
    ]);
  });

  it("leaves other providers' namespaces alone", () => {
    expect(
      validateConfig({}, { "azure-native:location": "westeurope", "azure-native:subscriptionId": "x", "random:seed": "1" }).issues,
    ).toEqual([]);
  });

  it("accepts logical names that differ only by hyphens: their Azure names differ", () => {
    expect(validateConfig({ workspaces: [{ name: "team-a" }, { name: "teama" }] }).issues).toEqual([]);
  });

  it("accepts workspaces sharing a resource group that the stack does not create", () => {
    const rg = { name: "rg-ml-teams", existing: true };
    expect(
      validateConfig({
        workspaces: [
          { name: "team-a", resourceGroup: rg },
          { name: "team-b", resourceGroup: rg },
        ],
      }).issues,
    ).toEqual([]);
  });

  it("reports a duplicate name once, without the name clashes that follow from it", () => {
    const { issues } = validateConfig({ workspaces: [{ name: "team-a" }, { name: "team-a" }] });
    expect(issues).toHaveLength(1);
  });

  it("returns the typed config for valid input", () => {
    const { config, issues } = validateConfig({ workspaces: [{ name: "team-a", storage: { skuName: "Standard_GRS" } }], nameSeed: "2026" });
    expect(issues).toEqual([]);
    expect(config?.workspaces?.[0].storage).toEqual({ skuName: "Standard_GRS" });
  });
});
