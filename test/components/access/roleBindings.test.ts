import * as pulumi from "@pulumi/pulumi";
import type * as PublicApi from "../../../components";
import type * as RoleBindingsModule from "../../../components/access/roleBindings";
import { roleAssignmentName } from "../../../components/access/assignmentNames";
import { AccessMocks, installAccessMocks, promiseOf } from "./accessMocks";

const SUB = "11111111-2222-3333-4444-555555555555";
const DS = "0b5c7d2e-1f3a-4b6c-8d9e-0a1b2c3d4e5f";
const WS_SCOPE = `/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.MachineLearningServices/workspaces/mlw-a`;
const ST_SCOPE = `/subscriptions/${SUB}/resourceGroups/rg-shared/providers/Microsoft.Storage/storageAccounts/stshared`;

let mocks: AccessMocks;
let access: typeof PublicApi & Pick<typeof RoleBindingsModule, "bindingHash">;

beforeAll(async () => {
  mocks = await installAccessMocks({});
  // The public API, plus the hash helper the names are built from (internal).
  access = { ...(await import("../../../components")), bindingHash: (await import("../../../components/access/roleBindings")).bindingHash };
});

const bindings = () => [
  { scopeKey: "workspace/team-a", scope: WS_SCOPE, group: "ds", principalId: DS, role: "AzureML Data Scientist" },
  { scopeKey: "shared/storage", scope: ST_SCOPE, group: "ds", principalId: DS, role: "storage blob data contributor" },
];
const inputsOf = (name: string) => mocks.resources.find((r) => r.name === name)?.inputs;

describe("RoleBindings", () => {
  it("assigns groups with principalType Group, the full role definition id and a deterministic name", async () => {
    const rb = new access.RoleBindings("team-a", { subscriptionId: SUB, project: "proj", stack: "dev", bindings: bindings() });
    const ids = await Promise.all(rb.assignmentIds.map(promiseOf));
    const expectedName = roleAssignmentName({
      project: "proj",
      stack: "dev",
      scopeKey: "workspace/team-a",
      group: "ds",
      role: "AzureML Data Scientist",
    });
    expect(ids[0]).toBe(`${WS_SCOPE}/providers/Microsoft.Authorization/roleAssignments/${expectedName}`);

    const suffix = access.bindingHash(bindings()[0]);
    expect(await promiseOf(rb.assignments[0].urn)).toContain(
      `azure-ml-workspaces:access:RoleBindings$azure-native:authorization:RoleAssignment::team-a-${suffix}`,
    );
    expect(inputsOf(`team-a-${suffix}`)).toEqual({
      principalId: DS,
      principalType: "Group",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/f6c7c914-8db3-469d-8ca1-694a8f32e121`,
      scope: WS_SCOPE,
      roleAssignmentName: expectedName,
      description: 'Group "ds" as AzureML Data Scientist on workspace/team-a (proj/dev)',
    });
    expect(inputsOf(`team-a-${access.bindingHash(bindings()[1])}`)).toMatchObject({
      principalType: "Group",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
      description: 'Group "ds" as Storage Blob Data Contributor on shared/storage (proj/dev)',
    });
  });

  it("derives the same assignment and logical names when constructed again", async () => {
    const first = new access.RoleBindings("again-1", { subscriptionId: SUB, project: "proj", stack: "dev", bindings: bindings() });
    const second = new access.RoleBindings("again-2", { subscriptionId: SUB, project: "proj", stack: "dev", bindings: bindings() });
    await Promise.all([...first.assignmentIds, ...second.assignmentIds].map(promiseOf));
    const registered = (prefix: string) =>
      mocks.resources
        .filter((r) => r.type === "azure-native:authorization:RoleAssignment" && r.name.startsWith(prefix))
        .map((r) => ({ suffix: r.name.slice(prefix.length), name: r.inputs.roleAssignmentName }));
    const [a, b] = [registered("again-1-"), registered("again-2-")];
    expect(a).toHaveLength(2);
    expect(b).toEqual(a);
    expect(new Set(a.map((x) => x.name)).size).toBe(2);
  });

  it("binds a custom role by its key, ignoring case", async () => {
    const roles = new access.CustomRoles("roles", {
      subscriptionId: SUB,
      project: "proj",
      stack: "dev",
      roles: { "ml-operator": { actions: ["Microsoft.MachineLearningServices/workspaces/computes/start/action"] } },
    });
    const rb = new access.RoleBindings("custom", {
      subscriptionId: SUB,
      project: "proj",
      stack: "dev",
      bindings: [{ scopeKey: "workspace/team-a", scope: WS_SCOPE, group: "ds", principalId: DS, role: "ML-Operator" }],
      customRoleIds: roles.ids,
    });
    await promiseOf(rb.assignmentIds[0]);
    const guid = access.customRoleDefinitionName({ project: "proj", stack: "dev", role: "ml-operator" });
    const suffix = access.bindingHash({ scopeKey: "workspace/team-a", group: "ds", role: "ML-Operator" });
    expect(inputsOf(`custom-${suffix}`)).toMatchObject({
      principalType: "Group",
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
      description: 'Group "ds" as ml-operator on workspace/team-a (proj/dev)',
    });
  });

  it("throws one line on unknown roles and duplicates before registering anything", async () => {
    const bad = [...bindings(), { ...bindings()[0], role: "azureml data scientist" }, { ...bindings()[1], role: "Blob Writer" }];
    let message = "";
    try {
      new access.RoleBindings("bad", { subscriptionId: SUB, project: "proj", stack: "dev", bindings: bad });
    } catch (err) {
      expect(pulumi.RunError.isInstance(err)).toBe(true);
      message = (err as Error).message;
    }
    expect(message).not.toContain("\n");
    expect(message).toMatch(/^RoleBindings "bad": /);
    expect(message).toContain('bindings[2] = {"group":"ds","role":"azureml data scientist"}: duplicate binding');
    expect(message).toContain('bindings[3].role = "Blob Writer": unknown role "Blob Writer": use a built-in role name');
    await promiseOf(new access.RoleBindings("after", { subscriptionId: SUB, project: "proj", stack: "dev", bindings: [] }).urn);
    expect(mocks.resources.some((r) => r.name === "bad" || r.name.startsWith("bad-"))).toBe(false);
  });
});
