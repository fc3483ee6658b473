import {
    defaultStorageNoHns,
    defaultStorageNotPremium,
    defaultStoragePolicies,
    defaultStorageSupportedKind,
    defaultStorageVerifiable,
} from "../../../policies/policies";
import { resource, runStackPolicy } from "../harness";
import { armId, project, storageAccount, types, unknown, unknownObject, workspace } from "../fixtures";

const [notPremium, noHns, supportedKind, verifiable] = [
    defaultStorageNotPremium,
    defaultStorageNoHns,
    defaultStorageSupportedKind,
    defaultStorageVerifiable,
];
const mandatoryChecks = [notPremium, noHns, supportedKind];

describe("default storage policies", () => {
    it("keep the contract names and levels", () => {
        expect(defaultStoragePolicies.map((p) => [p.name, p.enforcementLevel])).toEqual([
            ["aml-default-storage-not-premium", "mandatory"],
            ["aml-default-storage-no-hns", "mandatory"],
            ["aml-default-storage-supported-kind", "mandatory"],
            ["aml-default-storage-verifiable", "advisory"],
        ]);
        for (const p of defaultStoragePolicies) {
            expect(["high", "critical"]).toContain(p.severity);
        }
    });

    it("pass a standard StorageV2 default storage", async () => {
        const sa = storageAccount("stdefault");
        for (const policy of defaultStoragePolicies) {
            const outcome = await runStackPolicy(policy, [sa, workspace("ws", {}, sa)]);
            expect(outcome.status).toBe("passed");
        }
    });

    it.each([
        ["Premium_LRS", notPremium],
        ["premium_zrs", notPremium],
        ["PremiumV2_ZRS", notPremium],
    ])("flag a %s default storage once, on the workspace, naming both", async (sku, policy) => {
        const sa = storageAccount("stpremium", { sku: { name: sku, tier: "Premium" }, kind: "StorageV2" });
        const ws = workspace("ws-main", {}, sa);
        const outcome = await runStackPolicy(policy, [sa, ws]);
        expect(outcome.status).toBe("violation");
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0]).toMatchObject({ urn: ws.urn, enforcementLevel: "mandatory" });
        expect(outcome.violations[0].message).toContain("'ws-main'");
        expect(outcome.violations[0].message).toContain("'stpremium'");
        expect(outcome.violations[0].message).toContain(sku);
    });

    it("flag an HNS default storage only with the HNS policy", async () => {
        const sa = storageAccount("sthns", { isHnsEnabled: true });
        const fixtures = [sa, workspace("ws", {}, sa)];
        expect((await runStackPolicy(noHns, fixtures)).violations).toHaveLength(1);
        expect((await runStackPolicy(notPremium, fixtures)).status).toBe("passed");
        expect((await runStackPolicy(supportedKind, fixtures)).status).toBe("passed");
    });

    it.each(["BlobStorage", "BlockBlobStorage", "FileStorage", "blobstorage"])("flag a %s default storage", async (kind) => {
        const sa = storageAccount("stkind", { kind });
        const outcome = await runStackPolicy(supportedKind, [sa, workspace("ws", {}, sa)]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].message).toMatch(/kind (BlobStorage|BlockBlobStorage|FileStorage)/);
    });

    it("never flag premium or HNS accounts used only as datastores or additional hub storage", async () => {
        const sa = storageAccount("stdefault");
        const premium = storageAccount("stpremium", { sku: { name: "Premium_ZRS", tier: "Premium" }, kind: "BlockBlobStorage" });
        const lake = storageAccount("stlake", { sku: { name: "Premium_LRS" }, isHnsEnabled: true, kind: "StorageV2" });
        const hub = workspace("hub", { kind: "Hub", workspaceHubConfig: { additionalWorkspaceStorageAccounts: [unknown] } }, sa, {
            propertyDependencies: { workspaceHubConfig: [premium] },
        });
        const datastore = resource(
            types.datastore,
            "lake-ds",
            { workspaceName: unknown, datastoreProperties: { datastoreType: "AzureDataLakeGen2", accountName: unknown } },
            { propertyDependencies: { workspaceName: [hub], datastoreProperties: [lake] } },
        );
        for (const policy of defaultStoragePolicies) {
            expect((await runStackPolicy(policy, [sa, premium, lake, hub, datastore])).status).toBe("passed");
        }
    });

    it("check a hub and never its projects", async () => {
        const premium = storageAccount("stpremium", { sku: { name: "Premium_LRS" } });
        const hub = workspace("hub", { kind: "Hub" }, premium);
        // Even a (misconfigured) project pointing at the premium account is not a default-storage owner.
        const proj = workspace("proj", { kind: "Project", hubResourceId: unknown }, premium);
        const outcome = await runStackPolicy(notPremium, [premium, hub, proj, project("proj2", hub)]);
        expect(outcome.violations.map((v) => v.urn)).toEqual([hub.urn]);
    });

    it("is not applicable without a Default or Hub workspace", async () => {
        const hub = resource(types.workspace, "external-hub", {});
        const outcome = await runStackPolicy(notPremium, [storageAccount("st"), project("proj", hub)]);
        expect(outcome.status).toBe("not-applicable");
    });

    it("treat an absent kind as Default and a FeatureStore like the other kinds (AZ-WS-08)", async () => {
        const premium = storageAccount("stpremium", { sku: { name: "Premium_LRS" } });
        const outcome = await runStackPolicy(notPremium, [
            premium,
            workspace("default", { kind: "Default" }, premium),
            workspace("kindless", {}, premium),
            workspace("store", { kind: "FeatureStore" }, premium),
            workspace("other", { kind: "SomethingElse" }, premium),
        ]);
        expect(outcome.violations.map((v) => v.message.match(/Workspace '([^']+)'/)?.[1])).toEqual(["default", "kindless", "store"]);
    });

    it("refuse an HNS account as a feature store's default storage, the one change from a compliant feature store", async () => {
        const compliant = storageAccount("stfs");
        const store = (sa: ReturnType<typeof storageAccount>) => workspace("fs", { kind: "FeatureStore" }, sa);
        for (const policy of defaultStoragePolicies)
            expect((await runStackPolicy(policy, [compliant, store(compliant)])).status).toBe("passed");
        const lake = storageAccount("stfs", { isHnsEnabled: true });
        const outcome = await runStackPolicy(noHns, [lake, store(lake)]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].message).toContain("'fs'");
    });

    it("find the account inside a component whose output is the storageAccount input", async () => {
        const component = resource(types.component, "storage", {});
        const premium = storageAccount("stpremium", { sku: { name: "Premium_LRS" } }, { parent: component });
        const ws = workspace("ws", {}, undefined, { propertyDependencies: { storageAccount: [component] } });
        const outcome = await runStackPolicy(notPremium, [component, premium, { ...ws, props: { ...ws.props, storageAccount: unknown } }]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].message).toContain("'stpremium'");
    });

    describe("unverifiable default storage", () => {
        it("reports an ID that is not a resource of the stack, advisory by default", async () => {
            const id = armId("Microsoft.Storage/storageAccounts", "stexternal");
            const ws = workspace("ws", { storageAccount: id });
            const outcome = await runStackPolicy(verifiable, [ws]);
            expect(outcome.violations).toHaveLength(1);
            expect(outcome.violations[0]).toMatchObject({ urn: ws.urn, enforcementLevel: "advisory" });
            expect(outcome.violations[0].message).toContain(id);
            for (const policy of mandatoryChecks) {
                expect((await runStackPolicy(policy, [ws])).status).toBe("passed");
            }
        });

        it("can be made mandatory for fail-closed organisations", async () => {
            const outcome = await runStackPolicy(verifiable, [workspace("ws", { storageAccount: "x" })], {
                config: { enforcementLevel: "mandatory" },
            });
            expect(outcome.violations[0].enforcementLevel).toBe("mandatory");
        });

        it("reports a StackReference output (a dependency that is not a storage account)", async () => {
            const ref = resource(types.stackReference, "shared", { name: "org/shared/prod", outputs: {} });
            const ws = workspace("ws", { storageAccount: unknown }, undefined, { propertyDependencies: { storageAccount: [ref] } });
            const outcome = await runStackPolicy(verifiable, [ref, ws]);
            expect(outcome.violations).toHaveLength(1);
            expect(outcome.violations[0].message).toContain("'shared'");
        });

        it("reports an ID computed from several storage accounts", async () => {
            const a = storageAccount("sta");
            const b = storageAccount("stb", { sku: { name: "Premium_LRS" } });
            const ws = workspace("ws", { storageAccount: unknown }, undefined, { propertyDependencies: { storageAccount: [a, b] } });
            expect((await runStackPolicy(verifiable, [a, b, ws])).violations).toHaveLength(1);
            expect((await runStackPolicy(notPremium, [a, b, ws])).status).toBe("passed");
        });

        it("reports an unknown storageAccount without dependencies, and an unknown kind as advisory", async () => {
            const outcome = await runStackPolicy(verifiable, [workspace("ws", { storageAccount: unknown })]);
            expect(outcome.violations[0].message).toContain("(unknown until deployment)");
            const unknownKind = await runStackPolicy(verifiable, [workspace("ws", { kind: unknown, storageAccount: "x" })]);
            expect(unknownKind.status).toBe("advisory-unknown");
        });

        it("says nothing when the workspace sets no storageAccount, and nothing about projects", async () => {
            const hub = workspace("hub", { kind: "Hub" });
            expect((await runStackPolicy(verifiable, [hub, project("p", hub)])).status).toBe("passed");
        });
    });

    describe("unknown values in preview", () => {
        it("resolve a new account through propertyDependencies although its id is unknown", async () => {
            const premium = storageAccount("stpremium", { sku: { name: "Premium_LRS" }, id: unknown });
            const outcome = await runStackPolicy(notPremium, [premium, workspace("ws", {}, premium)]);
            expect(outcome.violations).toHaveLength(1);
            expect(outcome.unknowns).toHaveLength(0);
        });

        it("still report other workspaces when one account's SKU is unknown, then add the advisory", async () => {
            const unknownSku = storageAccount("stunknown", { sku: unknownObject });
            const premium = storageAccount("stpremium", { sku: { name: "Premium_LRS" } });
            const outcome = await runStackPolicy(notPremium, [
                unknownSku,
                premium,
                workspace("ws-unknown", {}, unknownSku),
                workspace("ws-premium", {}, premium),
            ]);
            expect(outcome.violations).toHaveLength(1);
            expect(outcome.unknowns).toHaveLength(1);
            expect(outcome.unknowns[0].enforcementLevel).toBe("advisory");
            expect(outcome.unknowns[0].message).toMatch(/during preview: Object value at \.sku can't be known/);
        });

        it("report an unknown workspace kind as advisory", async () => {
            const sa = storageAccount("st", { isHnsEnabled: true });
            const outcome = await runStackPolicy(noHns, [sa, workspace("ws", { kind: unknown }, sa)]);
            expect(outcome.status).toBe("advisory-unknown");
        });

        it("treat an unknown isHnsEnabled or kind as advisory, not as a pass", async () => {
            for (const [policy, props] of [
                [noHns, { isHnsEnabled: unknown }],
                [supportedKind, { kind: unknown }],
            ] as const) {
                const sa = storageAccount("st", props);
                expect((await runStackPolicy(policy, [sa, workspace("ws", {}, sa)])).status).toBe("advisory-unknown");
            }
        });
    });
});
