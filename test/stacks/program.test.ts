import * as path from "path";
import { RecordedResource, StackResult } from "../../tools/preview/shared/types";
import { CliRun, previewJson } from "../previewCli";

const PROJECT = path.join(__dirname, "program");
const LOOKUPS = path.join(PROJECT, "lookups.json");
const groupAssignments = (s: StackResult): RecordedResource[] =>
  s.resources.filter((r) => r.type === "azure-native:authorization:RoleAssignment" && r.inputs.principalType === "Group");
/**
 * Everything but the bindings and the network switch, by logical name (both stacks share a nameSeed). Principal ids,
 * assignment and workbook GUID names derive from the stack name, which necessarily differs between the two test stacks.
 */
const withoutBindings = (s: StackResult) =>
  s.resources
    .filter(
      (r) => r.type !== "pulumi:pulumi:Stack" && r.type !== "azure-ml-workspaces:access:RoleBindings" && !groupAssignments(s).includes(r),
    )
    .map((r) => [
      r.type,
      r.name,
      r.protect,
      {
        ...r.inputs,
        publicNetworkAccess: undefined,
        principalId: undefined,
        roleAssignmentName: undefined,
        resourceName: r.type.endsWith(":Workbook") ? undefined : r.inputs.resourceName,
      },
    ]);

/** One preview of every test stack (two CLI starts cost more than the stacks themselves); the tests read its results. */
let run: CliRun;
let stacks: Record<string, StackResult>;
beforeAll(async () => {
  const names = ["active", "suspended", "existing-premium", "existing-missing"];
  const preview = await previewJson(["--cwd", PROJECT, ...names.flatMap((name) => ["--stack", name]), "--no-policy", "--lookups", LOOKUPS]);
  run = preview.run;
  stacks = Object.fromEntries(names.map((name) => [name, preview.result.stacks.find((s) => s.stack === name)!]));
});
const errorLines = (stack: string) => run.stderr.split("\n").filter((line) => line.startsWith(`error: ${stack}: `));

describe("suspending access (the classic DENY switch)", () => {
  it("removes the workspace's group bindings, the data-plane roles derived from them included, and disables public network access", () => {
    const [active, suspended] = [stacks.active, stacks.suspended];
    // Two bindings from config plus Storage Blob Data Contributor and Storage File Data Privileged Contributor.
    expect(groupAssignments(active)).toHaveLength(4);
    expect(groupAssignments(active).map((r) => String(r.inputs.roleDefinitionId).split("/").pop())).toEqual(
      expect.arrayContaining(["ba92f5b4-2d11-453d-a403-e96b0029c9fe", "69566ab7-960f-475b-8e7c-b3118f30c6bd"]),
    );
    expect(groupAssignments(suspended)).toEqual([]);
    const network = (s: StackResult) =>
      s.resources.find((r) => r.type === "azure-native:machinelearningservices:Workspace")!.inputs.publicNetworkAccess;
    expect(network(active)).toBe("Enabled");
    expect(network(suspended)).toBe("Disabled");
  });

  it("deletes nothing else, so flipping it back restores exactly the bindings", () => {
    expect(withoutBindings(stacks.suspended)).toEqual(withoutBindings(stacks.active));
    const names = groupAssignments(stacks.active).map((r) => r.inputs.roleAssignmentName);
    expect(new Set(names).size).toBe(4);
  });
});

describe("existing default storage", () => {
  it("is looked up and refused by name when it is premium, before any resource is registered", () => {
    expect(run.code).toBe(2);
    expect(errorLines("existing-premium")).toHaveLength(1);
    expect(errorLines("existing-premium")[0]).toMatch(
      /workspaces\[0\]\.storage\.existingId = .*stpremiumdata.*sku is 'Premium_LRS'.*must not be premium/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(stacks["existing-premium"].resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("gives a clear error naming an account that cannot be found", () => {
    expect(errorLines("existing-missing")).toHaveLength(1);
    expect(errorLines("existing-missing")[0]).toMatch(/stgone' could not be read/);
    // Only the two refused stacks print an error.
    expect(run.stderr.trim().split("\n")).toHaveLength(2);
  });
});
