import { roleAssignmentGroups } from "../../../policies/policies";
import { resource, runStackPolicy } from "../harness";
import { armId, storageAccount, types, unknown, workspace } from "../fixtures";

const role = "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/f6c7c914-8db3-469d-8ca1-694a8f32e121";
const ws = workspace("ws");
const wsId = armId("Microsoft.MachineLearningServices/workspaces", "ws");

/** A role assignment as the stack sees it (outputs: the SDK fills principalType "User" when omitted). */
const assignment = (name: string, props: Record<string, unknown>, scopeFrom: object[] = []) =>
    resource(
        types.roleAssignment,
        name,
        { principalId: "00000000-0000-0000-0000-000000000001", roleDefinitionId: role, ...props },
        {
            propertyDependencies: { scope: scopeFrom as never },
        },
    );

describe("aml-role-assignment-groups", () => {
    it("passes group assignments on a workspace", async () => {
        const outcome = await runStackPolicy(roleAssignmentGroups, [
            ws,
            assignment("ds-group", { scope: unknown, principalType: "Group" }, [ws]),
            assignment("ds-group-2", { scope: wsId, principalType: "group" }),
        ]);
        expect(outcome.status).toBe("passed");
    });

    it("flags user assignments found through the scope's dependency (scope unknown in preview)", async () => {
        const user = assignment("alice", { scope: unknown, principalType: "User" }, [ws]);
        const outcome = await runStackPolicy(roleAssignmentGroups, [ws, user]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0]).toMatchObject({ urn: user.urn, enforcementLevel: "advisory" });
        expect(outcome.violations[0].message).toContain("'alice'");
    });

    it("flags user assignments found through a known scope string, also below the workspace, and an omitted type", async () => {
        const outcome = await runStackPolicy(roleAssignmentGroups, [
            assignment("bob", { scope: `${wsId}/computes/cpu`, principalType: "User" }),
            assignment("carol", { scope: wsId.toLowerCase() }),
        ]);
        expect(outcome.violations).toHaveLength(2);
        expect(outcome.violations[1].message).toContain("'User'");
    });

    it("ignores assignments on other scopes", async () => {
        const sa = storageAccount("st");
        const outcome = await runStackPolicy(roleAssignmentGroups, [
            sa,
            assignment("on-storage", { scope: unknown, principalType: "User" }, [sa]),
            assignment("on-rg", { scope: "/subscriptions/s/resourceGroups/rg-ml", principalType: "User" }),
        ]);
        expect(outcome.status).toBe("passed");
    });

    it("flags managed identities by default and allows them when configured", async () => {
        const fixtures = [assignment("identity", { scope: wsId, principalType: "ServicePrincipal" })];
        expect((await runStackPolicy(roleAssignmentGroups, fixtures)).violations).toHaveLength(1);
        const allowed = await runStackPolicy(roleAssignmentGroups, fixtures, {
            config: { allowedPrincipalTypes: ["Group", "ServicePrincipal"] },
        });
        expect(allowed.status).toBe("passed");
        const mandatory = await runStackPolicy(roleAssignmentGroups, fixtures, { config: { enforcementLevel: "mandatory" } });
        expect(mandatory.violations[0].enforcementLevel).toBe("mandatory");
    });

    it("reports an unknown principalType as advisory after checking the others", async () => {
        const outcome = await runStackPolicy(roleAssignmentGroups, [
            ws,
            assignment("unknown-type", { scope: unknown, principalType: unknown }, [ws]),
            assignment("user", { scope: unknown, principalType: "User" }, [ws]),
        ]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.unknowns).toHaveLength(1);
    });

    it("is not applicable without role assignments", async () => {
        expect((await runStackPolicy(roleAssignmentGroups, [ws])).status).toBe("not-applicable");
    });
});
