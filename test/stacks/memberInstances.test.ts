import { instancesOf } from "../../stacks/memberInstances";
import { isComputeName } from "../../components/computeRules";
import { formatConfigIssue, validateConfig } from "../../stacks/validate";

/** docs/azure-rules/compute.md AZ-COMPUTE-08: one instance per listed member of a bound group. */
const ALICE = "0b6e4a2c-1d3f-4a5b-8c7d-9e0f1a2b3c4d";
const BOB = "9A1F2D3E-4F5A-4B6C-8D7E-1F2A3B4C5D6E";
const set = (more: Record<string, unknown> = {}) => ({
  namePrefix: "ci-ds",
  group: "ds",
  vmSize: "Standard_DS3_v2",
  members: [ALICE, BOB],
  ...more,
});
const ws = (computes: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  groups: { ds: { objectId: "6f1c2a9e-3b7d-4c8e-9a1f-2d3e4f5a6b7c" } },
  workspaces: [{ name: "ws", access: [{ group: "ds", role: "AzureML Data Scientist" }], computes, ...more }],
});
const lines = (raw: Record<string, unknown>) => validateConfig(raw).issues.map(formatConfigIssue);

describe("AZ-COMPUTE-08 instances per member", () => {
  it("expands a set into one instance per member, assigned to them, with valid unique names and the set's settings", () => {
    const placed = instancesOf({ memberInstances: [set({ idleTimeBeforeShutdown: "PT30M" })] } as never, ["workspaces", 0]);
    expect(placed.map((p) => [p.config.name, p.config.assignedTo, p.config.idleTimeBeforeShutdown])).toEqual([
      ["ci-ds-u0b6e4a2c", ALICE, "PT30M"],
      ["ci-ds-u9a1f2d3e", BOB, "PT30M"],
    ]);
    expect(placed[1].namePath).toEqual(["workspaces", 0, "computes", "memberInstances", 0, "members", 1]);
    for (const p of placed) expect(isComputeName(p.config.name)).toBe(true);
    expect(isComputeName(instancesOf({ memberInstances: [set({ namePrefix: "a".repeat(14) })] } as never, [])[0].config.name)).toBe(true);
  });

  it("accepts a set for a group bound on the workspace", () => {
    expect(lines(ws({ memberInstances: [set()] }))).toEqual([]);
  });

  it("refuses a member id that is not a GUID, a member listed twice, a long prefix and an unbound group", () => {
    expect(lines(ws({ memberInstances: [set({ members: ["alice@contoso.com"] })] }))).toEqual([
      'config azure-ml-workspaces:workspaces[0].computes.memberInstances[0].members[0] = "alice@contoso.com": must be an Entra object id (a GUID)',
    ]);
    expect(lines(ws({ memberInstances: [set({ members: [ALICE, ALICE.toUpperCase()] })] }))[0]).toMatch(
      /memberInstances\[0\]\.members\[1\] = .*listed twice/,
    );
    expect(lines(ws({ memberInstances: [set({ namePrefix: "ci-data-science" })] }))[0]).toMatch(
      /namePrefix = "ci-data-science": 2-14 letters/,
    );
    expect(lines(ws({ memberInstances: [set()] }, { access: [] }))[0]).toMatch(
      /^config azure-ml-workspaces:workspaces\[0\]\.computes\.memberInstances\[0\]\.group = "ds": instances are created for members of a group bound here/,
    );
  });

  it("checks a set's network settings once, at the set", () => {
    const subnet =
      "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/s";
    expect(lines(ws({ memberInstances: [set({ subnetId: subnet })] }))).toEqual([
      expect.stringMatching(/^config azure-ml-workspaces:workspaces\[0\]\.computes\.memberInstances\[0\]\.subnetId = .*managed network/),
    ]);
  });

  it("refuses two members whose derived names clash with each other or with an instance, naming the member", () => {
    const clash = "0b6e4a2c-0000-4000-8000-000000000000";
    expect(lines(ws({ memberInstances: [set({ members: [ALICE, clash] })] }))[0]).toMatch(
      /memberInstances\[0\]\.members\[1\] = "ci-ds-u0b6e4a2c": its compute would get the same Azure name/,
    );
    const named = { name: "ci-ds-u0b6e4a2c", vmSize: "Standard_DS3_v2", assignedTo: ALICE };
    expect(lines(ws({ instances: [named], memberInstances: [set()] }))[0]).toMatch(
      /memberInstances\[0\]\.members\[0\] = .*same Azure name/,
    );
  });
});
