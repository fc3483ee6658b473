/**
 * examples/custom-program through the offline preview WITH the policy pack: the components composed in code must
 * register what the example promises and break no mandatory policy. `npm run typecheck` type-checks the example too:
 * the type-only import below pulls it into the program (it is never executed here).
 */
import * as path from "path";
import type * as example from "../../examples/custom-program";
import { REPO_ROOT, previewJson } from "../previewCli";
import type { StackResult } from "../../tools/preview/shared/types";

const EXAMPLE = path.join(REPO_ROOT, "examples/custom-program");
let code: number;
let stderr: string;
let stack: StackResult;

beforeAll(async () => {
  const { run, result } = await previewJson(["--cwd", EXAMPLE, "--stack", "dev"]);
  code = run.code;
  stderr = run.stderr;
  stack = result.stacks[0];
});

describe("examples/custom-program", () => {
  it("previews without error and without a mandatory violation", () => {
    expect(stderr).not.toMatch(/error:/);
    expect(stack.error).toBeUndefined();
    expect(stack.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
    expect(code).toBe(0);
  });

  it("composes a shared set, a workspace on it, a hub with a project and group bindings", () => {
    const count = (type: string) => stack.resources.filter((r) => r.type === type).length;
    expect(count("azure-ml-workspaces:ml:SharedResources")).toBe(1);
    expect(count("azure-ml-workspaces:ml:Workspace")).toBe(1);
    expect(count("azure-ml-workspaces:ml:Hub")).toBe(1);
    expect(count("azure-ml-workspaces:ml:Project")).toBe(1);
    expect(count("azure-native:machinelearningservices:Workspace")).toBe(3);
    const groupAssignments = stack.resources.filter(
      (r) => r.type === "azure-native:authorization:RoleAssignment" && r.inputs.principalType === "Group",
    );
    expect(groupAssignments).toHaveLength(3);
  });

  it("puts the workspace on the shared storage account instead of creating its own", () => {
    const accounts = stack.resources.filter((r) => r.type === "azure-native:storage:StorageAccount");
    expect(accounts.map((a) => a.name).sort()).toEqual(["ml-shared-assoc-st", "research-assoc-st"]);
    const teamWorkspace = stack.resources.find((r) => r.name === "team-x-mlw");
    const shared = accounts.find((a) => a.name === "ml-shared-assoc-st");
    expect(teamWorkspace?.propertyDependencies.storageAccount).toContain(shared?.urn);
  });

  it("exports the studio links of the workspace, the hub and the project", () => {
    const urls = stack.outputs.studioUrls as Record<keyof typeof example.studioUrls, string>;
    expect(Object.keys(urls).sort()).toEqual(["churn", "research", "teamX"]);
    expect(urls.teamX).toMatch(/^https:\/\/ml\.azure\.com\/\?wsid=\/subscriptions\/.+\/workspaces\/mlw-team-x-/);
  });
});
