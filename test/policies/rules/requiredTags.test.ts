import { isTaggable, requiredTags } from "../../../policies/policies";
import { resource, runResourcePolicy } from "../harness";
import { storageAccount, types, unknown, unknownObject } from "../fixtures";

const config = { requiredTags: ["costCenter", "owner"] };

describe("aml-required-tags", () => {
    it("passes everything when no tags are configured (schema default: [])", async () => {
        expect((await runResourcePolicy(requiredTags, storageAccount("st"))).status).toBe("passed");
    });

    it("passes resources carrying the tags, case-insensitively, whatever their (unknown) values", async () => {
        const sa = storageAccount("st", { tags: { CostCenter: "4711", owner: unknown } });
        expect((await runResourcePolicy(requiredTags, sa, { config })).status).toBe("passed");
    });

    it("names the missing tags of a known taggable type without a tags input", async () => {
        const outcome = await runResourcePolicy(requiredTags, resource(types.vault, "kv", {}), { config });
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].message).toContain("Missing tags: costCenter, owner.");
    });

    it("checks any azure-native resource that has a tags input", async () => {
        const outcome = await runResourcePolicy(requiredTags, resource("azure-native:web:WebApp", "app", { tags: { owner: "x" } }), {
            config,
        });
        expect(outcome.violations[0].message).toContain("Missing tags: costCenter.");
    });

    it("is not applicable to untaggable or non-azure-native resources", async () => {
        for (const r of [resource(types.roleAssignment, "ra", { scope: "x" }), resource("azuread:index/group:Group", "g", { tags: [] })]) {
            expect((await runResourcePolicy(requiredTags, r, { config })).status).toBe("not-applicable");
        }
        expect(isTaggable(types.storage, {})).toBe(true);
    });

    it("reports unknown tags as advisory", async () => {
        const outcome = await runResourcePolicy(requiredTags, storageAccount("st", { tags: unknownObject }), { config });
        expect(outcome.status).toBe("advisory-unknown");
    });
});
