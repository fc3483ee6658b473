import { statefulProtected } from "../../../policies/policies";
import { resource, runResourcePolicy } from "../harness";
import { types } from "../fixtures";

const stateful = [
    types.storage,
    "azure-native:storage:BlobContainer",
    types.vault,
    types.logAnalytics,
    types.registry,
    types.workspace,
    types.resourceGroup,
];

describe("AZ-DATA-04: aml-stateful-protected", () => {
    it.each(stateful)("passes a protected %s and reports it unprotected", async (type) => {
        const protectedOne = { ...resource(type, "data", {}), protect: true };
        expect((await runResourcePolicy(statefulProtected, protectedOne)).violations).toEqual([]);
        const outcome = await runResourcePolicy(statefulProtected, { ...protectedOne, protect: false });
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].enforcementLevel).toBe("advisory");
    });

    it("ignores resources that hold no data", async () => {
        for (const type of [types.roleAssignment, types.appInsights, types.datastore]) {
            expect((await runResourcePolicy(statefulProtected, resource(type, "config", {}))).violations).toEqual([]);
        }
    });
});
