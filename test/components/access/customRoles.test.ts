import type * as CustomRolesModule from "../../../components/access/customRoles";
import { customRoleDefinitionName } from "../../../components/access/assignmentNames";
import { AccessMocks, installAccessMocks, promiseOf } from "./accessMocks";

const SUB = "11111111-2222-3333-4444-555555555555";
const RG_SCOPE = `/subscriptions/${SUB}/resourceGroups/rg-team-a`;

let mocks: AccessMocks;
let access: typeof CustomRolesModule;

beforeAll(async () => {
  mocks = await installAccessMocks({});
  access = await import("../../../components/access/customRoles");
});

describe("CustomRoles", () => {
  it("defines each role at the subscription with a deterministic GUID and exposes full ids", async () => {
    const roles = new access.CustomRoles("roles", {
      subscriptionId: SUB,
      project: "proj",
      stack: "dev",
      roles: {
        "ml-operator": {
          description: "start and stop compute",
          actions: ["Microsoft.MachineLearningServices/workspaces/computes/start/action"],
          notActions: ["Microsoft.MachineLearningServices/workspaces/computes/delete"],
        },
        "blob-peek": {
          actions: [],
          dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
          assignableScopes: [RG_SCOPE],
        },
      },
    });
    const guid = customRoleDefinitionName({ project: "proj", stack: "dev", role: "ml-operator" });

    expect(await promiseOf(roles.ids["ml-operator"])).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
    );
    expect(await promiseOf(roles.definitions["ml-operator"].urn)).toContain(
      "azure-ml-workspaces:access:CustomRoles$azure-native:authorization:RoleDefinition::roles-ml-operator",
    );
    await promiseOf(roles.ids["blob-peek"]);

    const inputs = (name: string) => mocks.resources.find((r) => r.name === name)?.inputs;
    expect(inputs("roles-ml-operator")).toEqual({
      roleDefinitionId: guid,
      roleName: "ml-operator",
      roleType: "CustomRole",
      description: "start and stop compute",
      scope: `/subscriptions/${SUB}`,
      assignableScopes: [`/subscriptions/${SUB}`],
      permissions: [
        {
          actions: ["Microsoft.MachineLearningServices/workspaces/computes/start/action"],
          notActions: ["Microsoft.MachineLearningServices/workspaces/computes/delete"],
        },
      ],
    });
    expect(inputs("roles-blob-peek")).toMatchObject({
      assignableScopes: [RG_SCOPE],
      permissions: [{ actions: [], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }],
    });
  });

  it("rejects bad roles in one line before registering anything", async () => {
    expect(
      () =>
        new access.CustomRoles("bad", {
          subscriptionId: SUB,
          project: "proj",
          stack: "dev",
          roles: { Reader: { actions: ["*/read"] }, empty: { actions: [] } },
        }),
    ).toThrow(
      /^CustomRoles "bad": customRoles\.Reader = "Reader": custom role key "Reader" is the built-in role "Reader"; pick another name; customRoles\.empty\.actions = \[\]: must grant at least one action or dataAction$/,
    );
    await promiseOf(new access.CustomRoles("after", { subscriptionId: SUB, project: "proj", stack: "dev", roles: {} }).urn);
    expect(mocks.resources.some((r) => r.name === "bad")).toBe(false);
  });
});
