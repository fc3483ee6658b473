import { customRoleResourceGroups } from "../../stacks/customRoleScopes";
import { validateConfig } from "../../stacks/validate";

const role = { actions: ["Microsoft.MachineLearningServices/workspaces/read"] };

describe("AZ-PRIV-06: custom roles default to the resource groups they are bound in", () => {
  it("collects each role's resource groups across workspaces, hubs, projects and the shared set", () => {
    const { config, issues } = validateConfig({
      groups: { ds: { displayName: "ds" } },
      customRoles: { starter: role, unused: role },
      workspaces: [
        { name: "team-a", access: [{ group: "ds", role: "starter" }] },
        { name: "team-b", resourceGroup: { name: "rg-shared-b" }, access: [{ group: "ds", role: "Reader" }] },
      ],
      hubs: [{ name: "research", projects: [{ name: "vision", access: [{ group: "ds", role: "starter" }] }] }],
      shared: { name: "mlshared", access: [{ group: "ds", role: "starter", resource: "storage" }] },
    });
    expect(issues).toEqual([]);
    expect(customRoleResourceGroups(config!)).toEqual({ starter: ["rg-mlshared", "rg-research", "rg-team-a"] });
  });
});
