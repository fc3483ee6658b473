import * as path from "path";
import { RecordedResource, StackResult } from "../../tools/preview/types";
import { previewJson, runPreview } from "../previewCli";

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

describe("suspending access (the classic DENY switch)", () => {
  let active: StackResult;
  let suspended: StackResult;
  beforeAll(async () => {
    const { result } = await previewJson(["--cwd", PROJECT, "--stack", "active", "--stack", "suspended", "--no-policy"]);
    [active, suspended] = ["active", "suspended"].map((name) => result.stacks.find((s) => s.stack === name)!);
  }, 60_000);

  it("removes the workspace's group bindings, the data-plane roles derived from them included, and disables public network access", () => {
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
    expect(withoutBindings(suspended)).toEqual(withoutBindings(active));
    const names = groupAssignments(active).map((r) => r.inputs.roleAssignmentName);
    expect(new Set(names).size).toBe(4);
  });
});

describe("existing default storage", () => {
  it("is looked up and refused by name when it is premium, before any resource is registered", async () => {
    const { run, result } = await previewJson(["--cwd", PROJECT, "--stack", "existing-premium", "--no-policy", "--lookups", LOOKUPS]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/workspaces\[0\]\.storage\.existingId = .*stpremiumdata.*sku is 'Premium_LRS'.*must not be premium/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(result.stacks[0].resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  }, 30_000);

  it("gives a clear error naming an account that cannot be found", async () => {
    const run = await runPreview(["--cwd", PROJECT, "--stack", "existing-missing", "--no-policy", "--lookups", LOOKUPS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stgone' could not be read/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  }, 30_000);
});
