import {
    covers,
    customRoleGuardOperations,
    customRoleScopeNarrow,
    customRoleScopeRoot,
    customRoleWildcard,
    isBroadWildcard,
    privilegedRoleBroadScope,
    scopeLevel,
} from "../../../policies/policies";
import { resource, ResourceFixture, runStackPolicy } from "../harness";
import { types, unknown } from "../fixtures";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const RG = `${SUB}/resourceGroups/rg-team-x`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-team-x`;
const roleId = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
const CUSTOM_GUID = "3d3c3d6e-6a2b-5f6e-9a1d-2b6c7e8f9a0b";

const assignment = (name: string, props: Record<string, unknown>, scopeFrom: ResourceFixture[] = []) =>
    resource(
        types.roleAssignment,
        name,
        { principalId: "00000000-0000-0000-0000-000000000001", principalType: "Group", ...props },
        { propertyDependencies: { scope: scopeFrom } },
    );

/** A compliant custom role: named operations, assignable at the team's resource group. */
const baselineRole = {
    roleDefinitionId: CUSTOM_GUID,
    roleName: "ml-compute-starter",
    scope: RG,
    assignableScopes: [RG],
    permissions: [
        {
            actions: [
                "Microsoft.MachineLearningServices/workspaces/computes/start/action",
                "Microsoft.MachineLearningServices/workspaces/read",
            ],
            notActions: [] as string[],
            dataActions: [] as string[],
        },
    ],
};
const role = (mutate: (r: typeof baselineRole) => void = () => undefined) => {
    const props = structuredClone(baselineRole);
    mutate(props);
    return resource("azure-native:authorization:RoleDefinition", "custom", props);
};
const customAssignment = (scope: string) => assignment("custom-on", { scope, roleDefinitionId: roleId(CUSTOM_GUID) });

describe("AZ-PRIV-01: aml-privileged-role-broad-scope", () => {
    it("passes Contributor on a resource group and Owner on a workspace (the compliant baseline)", async () => {
        const outcome = await runStackPolicy(privilegedRoleBroadScope, [
            assignment("contrib", { scope: RG, roleDefinitionId: roleId(CONTRIBUTOR) }),
            assignment("owner-ws", { scope: WS, roleDefinitionId: roleId(OWNER) }),
        ]);
        expect(outcome.violations).toEqual([]);
    });

    it.each([
        ["Owner on a resource group", RG, OWNER],
        ["Owner on a subscription", SUB, OWNER],
        ["Owner at the root", "/", OWNER],
        [
            "User Access Administrator on a management group",
            "/providers/Microsoft.Management/managementGroups/corp",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        ],
        ["Role Based Access Control Administrator on a resource group", RG, "f58310d9-a9f6-439a-9e8d-f62e7b41a168"],
    ])("reports %s, as mandatory", async (_what, scope, guid) => {
        const outcome = await runStackPolicy(privilegedRoleBroadScope, [assignment("priv", { scope, roleDefinitionId: roleId(guid) })]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].enforcementLevel).toBe("mandatory");
    });

    it("reports a scope still unknown in preview through its dependency on a resource group", async () => {
        const rg = resource(types.resourceGroup, "rg", { resourceGroupName: "rg-team-x" });
        const outcome = await runStackPolicy(privilegedRoleBroadScope, [
            rg,
            assignment("priv", { scope: unknown, roleDefinitionId: roleId(OWNER) }, [rg]),
        ]);
        expect(outcome.violations).toHaveLength(1);
    });

    it("accepts a constrained (conditional) delegation, and can be made advisory", async () => {
        const constrained = assignment("rbac-admin", {
            scope: RG,
            roleDefinitionId: roleId(OWNER),
            condition: "((!(ActionMatches{'x'})))",
        });
        expect((await runStackPolicy(privilegedRoleBroadScope, [constrained])).violations).toEqual([]);
        const advisory = await runStackPolicy(privilegedRoleBroadScope, [assignment("o", { scope: RG, roleDefinitionId: roleId(OWNER) })], {
            config: "advisory",
        });
        expect(advisory.violations[0].enforcementLevel).toBe("advisory");
    });
});

describe("AZ-PRIV-02: aml-custom-role-wildcard", () => {
    it("passes the baseline", async () => {
        expect((await runStackPolicy(customRoleWildcard, [role()])).violations).toEqual([]);
    });
    it.each([
        ["actions *", (r: typeof baselineRole) => r.permissions[0].actions.push("*")],
        ["dataActions *", (r: typeof baselineRole) => r.permissions[0].dataActions.push("*")],
        ["a whole provider", (r: typeof baselineRole) => r.permissions[0].actions.push("Microsoft.Storage/*")],
    ])("reports %s", async (_what, mutate) => {
        expect((await runStackPolicy(customRoleWildcard, [role(mutate)])).violations).toHaveLength(1);
    });
    it("tells broad wildcards from narrow ones", () => {
        expect(isBroadWildcard("Microsoft.MachineLearningServices/workspaces/*/read")).toBe(false);
        expect(isBroadWildcard("Microsoft.Authorization/*")).toBe(true);
    });
});

describe("AZ-PRIV-03: aml-custom-role-guard-operations", () => {
    it("passes the baseline", async () => {
        expect((await runStackPolicy(customRoleGuardOperations, [role()])).violations).toEqual([]);
    });
    it.each([
        "Microsoft.Authorization/locks/delete",
        "Microsoft.Authorization/locks/*",
        "Microsoft.Authorization/roleAssignments/write",
        "*/write",
    ])("reports a role granting %s", async (action) => {
        expect(
            (await runStackPolicy(customRoleGuardOperations, [role((r) => r.permissions[0].actions.push(action))])).violations,
        ).toHaveLength(1);
    });
    it("accepts the operation excluded by notActions", async () => {
        const excluded = role((r) => {
            r.permissions[0].actions.push("Microsoft.Authorization/locks/*");
            r.permissions[0].notActions.push("Microsoft.Authorization/locks/delete");
        });
        expect((await runStackPolicy(customRoleGuardOperations, [excluded])).violations).toEqual([]);
        expect(covers("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/locks/delete")).toBe(true);
    });
});

describe("AZ-PRIV-04: aml-custom-role-scope-root", () => {
    it("passes the baseline", async () => {
        expect((await runStackPolicy(customRoleScopeRoot, [role()])).violations).toEqual([]);
    });
    it.each(["/", "/providers/Microsoft.Management/managementGroups/corp"])("reports a role assignable at %s", async (scope) => {
        const outcome = await runStackPolicy(customRoleScopeRoot, [role((r) => r.assignableScopes.push(scope))]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].enforcementLevel).toBe("mandatory");
    });
});

describe("AZ-PRIV-05: aml-custom-role-scope-narrow", () => {
    it("passes the baseline and a subscription scope an assignment needs", async () => {
        expect((await runStackPolicy(customRoleScopeNarrow, [role(), customAssignment(WS)])).violations).toEqual([]);
        const needed = await runStackPolicy(customRoleScopeNarrow, [role((r) => (r.assignableScopes = [SUB])), customAssignment(SUB)]);
        expect(needed.violations).toEqual([]);
    });
    it("reports a subscription scope that only workspace assignments use, as advisory", async () => {
        const outcome = await runStackPolicy(customRoleScopeNarrow, [role((r) => (r.assignableScopes = [SUB])), customAssignment(WS)]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].enforcementLevel).toBe("advisory");
    });
    it("classifies scopes", () => {
        expect([SUB, `${SUB}/`, RG, WS, "/"].map(scopeLevel)).toEqual([
            "subscription",
            "subscription",
            "resourceGroup",
            "resource",
            "root",
        ]);
    });
});
