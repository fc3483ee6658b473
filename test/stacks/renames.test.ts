import * as path from "path";
import { aliasIssues, aliasesOf, azureNameOf } from "../../stacks/renames";
import { locatedBindings, resourceGroupNameOf, validateConfig } from "../../stacks/validate";
import type { StackResult } from "../../tools/preview/shared/types";
import { previewJson } from "../previewCli";

describe("AZ-DATA-09: renaming an entry through aliases", () => {
  const entry = { name: "team-z", aliases: ["team-x", "team-y"] };

  it("keeps deriving Azure names, resource group and scope keys from the first name", () => {
    expect(azureNameOf(entry)).toBe("team-x");
    expect(azureNameOf({ name: "team-z" })).toBe("team-z");
    expect(resourceGroupNameOf(entry)).toBe("rg-team-x");
    const { config } = validateConfig({
      groups: { ds: { displayName: "ds" } },
      workspaces: [{ ...entry, access: [{ group: "ds", role: "Reader" }] }],
    });
    expect(locatedBindings(config!).map((b) => b.scopeKey)).toEqual(["workspace/team-x"]);
  });

  it("gives top-level resources a Pulumi alias per former name", () => {
    expect(aliasesOf(entry, "-rg")).toEqual([{ name: "team-x-rg" }, { name: "team-y-rg" }]);
    expect(aliasesOf({ name: "plain" })).toEqual([]);
  });

  it("refuses an alias that another entry (or the entry itself) is named", () => {
    const { config } = validateConfig({
      workspaces: [{ name: "a" }, { name: "b", aliases: ["b"] }],
      hubs: [{ name: "c", aliases: ["a"] }],
    });
    expect(config).toBeUndefined();
    const issues = aliasIssues({ workspaces: [{ name: "a" }, { name: "b", aliases: ["b"] }], hubs: [{ name: "c", aliases: ["a"] }] });
    expect(issues.map((i) => i.path)).toEqual([
      ["workspaces", 1, "aliases", 0],
      ["hubs", 0, "aliases", 0],
    ]);
  });
});

describe("AZ-DATA-09: a rename in the offline preview", () => {
  let before: StackResult;
  let after: StackResult;
  beforeAll(async () => {
    const cwd = path.join(__dirname, "program");
    const { result } = await previewJson(["--cwd", cwd, "--stack", "rename-before", "--stack", "rename-after", "--no-policy"]);
    [before, after] = ["rename-before", "rename-after"].map((name) => result.stacks.find((s) => s.stack === name)!);
  }, 120_000);

  /** Each registration's inputs (its Azure names among them), without those that derive from the stack's own name or show it. */
  const azureSide = (s: StackResult) =>
    s.resources
      .filter((r) => r.custom)
      .map((r) => {
        // A blobstore container is named after the workspace GUID, which the fakes derive from the URN; Azure keeps it.
        const scope = typeof r.inputs.scope === "string" && r.inputs.scope.includes("/containers/") ? undefined : r.inputs.scope;
        const stackDependent = { principalId: undefined, roleAssignmentName: undefined, resourceName: undefined, description: undefined };
        return JSON.stringify([r.type, r.protect, { ...r.inputs, scope, ...stackDependent }]);
      })
      .sort();

  it("registers the same resources with the same Azure names and protection", () => {
    expect(before.error).toBeUndefined();
    expect(after.error).toBeUndefined();
    expect(azureSide(after)).toEqual(azureSide(before));
  });

  it("names the components and their children after the new names", () => {
    const names = after.resources.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["retention", "retention-assoc-st", "science-hub", "imaging-prj", "retention-rg"]));
    // Access components keep the first name, like the role assignments' names they carry.
    expect(names.filter((n) => /^(churn|research|vision)(-(assoc|mlw|hub|prj|rg|ds)|$)/.test(n))).toEqual([]);
  });
});
