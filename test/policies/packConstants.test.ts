/**
 * The pack cannot import the components (it runs as its own plugin, on its own dependencies), so it carries its own
 * copies of a few facts. Each is checked here against the components' definition by behaviour, over every value the
 * components know: a copy that drifts fails a case.
 */
import {
    PRIVILEGED_ROLES,
    computeClusterScaleToZero,
    computeInstanceIdleShutdown,
    connectionIdentityAuth,
    defaultStorageNoHns,
    defaultStorageNotPremium,
    defaultStorageSupportedKind,
    storageBaselinePolicies,
} from "../../policies/policies";
import { BUILT_IN_ROLES, defaultStorageProblems } from "../../components";
import { CLUSTER_DEFAULTS, CONNECTION_CATEGORIES, INSTANCE_DEFAULTS } from "../../components/internal";
import { connectionAuthType } from "../../components/computeRules";
import { secureStorageAccountInputs } from "../../components/storageSecurity";
import { STORAGE_KINDS, STORAGE_SKUS } from "../../stacks/config";
import { resource, runResourcePolicy, runStackPolicy } from "./harness";
import { storageAccount, types, workspace } from "./fixtures";

const COMPUTE = "azure-native:machinelearningservices:Compute";
const CONNECTION = "azure-native:machinelearningservices:WorkspaceConnection";

describe("the pack's default-storage rule", () => {
    const byProperty = [
        ["sku", defaultStorageNotPremium],
        ["isHnsEnabled", defaultStorageNoHns],
        ["kind", defaultStorageSupportedKind],
    ] as const;
    const accounts = STORAGE_SKUS.flatMap((skuName) =>
        STORAGE_KINDS.flatMap((kind) => [false, true].map((isHnsEnabled) => ({ skuName, kind, isHnsEnabled }))),
    );

    it.each(byProperty)("flags the %s of exactly the accounts components/defaultStorage.ts refuses", async (property, policy) => {
        const mismatches: string[] = [];
        for (const shape of accounts) {
            const refused = defaultStorageProblems(shape).some((p) => p.property === property);
            const sa = storageAccount("st", { sku: { name: shape.skuName }, kind: shape.kind, isHnsEnabled: shape.isHnsEnabled });
            const flagged = (await runStackPolicy(policy, [sa, workspace("ws", {}, sa)])).status === "violation";
            if (flagged !== refused) mismatches.push(`${JSON.stringify(shape)}: components ${refused}, pack ${flagged}`);
        }
        expect(mismatches).toEqual([]);
        expect(accounts.some((shape) => defaultStorageProblems(shape).some((p) => p.property === property))).toBe(true);
    });
});

describe("the pack's storage baseline", () => {
    it.each([{}, { allowSharedKeyAccess: true }, { skuName: "Premium_LRS", kind: "BlockBlobStorage", isHnsEnabled: true }])(
        "accepts every account the components create (%j)",
        async (choice) => {
            const props = { resourceGroupName: "rg", accountName: "st", ...secureStorageAccountInputs(choice) };
            for (const policy of storageBaselinePolicies) {
                expect({
                    policy: policy.name,
                    status: (await runResourcePolicy(policy, resource(types.storage, "st", props))).status,
                }).toEqual({
                    policy: policy.name,
                    status: "passed",
                });
            }
        },
    );
});

describe("the pack's privileged roles", () => {
    it("carry the built-in role definition ids of the components' role catalog", () => {
        for (const [guid, name] of Object.entries(PRIVILEGED_ROLES)) {
            expect({ name, guid: BUILT_IN_ROLES[name]?.toLowerCase() }).toEqual({ name, guid: guid.toLowerCase() });
        }
    });
});

describe("the pack's connection categories", () => {
    it.each(CONNECTION_CATEGORIES)(
        "treat %s as Entra-capable, as the components do: identity passes, a key is flagged",
        async (category) => {
            const run = (auth: "identity" | "key") =>
                runResourcePolicy(
                    connectionIdentityAuth,
                    resource(CONNECTION, "c", { properties: { category, authType: connectionAuthType(auth, category) } }),
                );
            expect((await run("identity")).status).toBe("passed");
            expect((await run("key")).status).toBe("violation");
        },
    );
});

describe("the pack's compute checks", () => {
    it("accept the components' cluster and instance defaults", async () => {
        const cluster = {
            properties: {
                computeType: "AmlCompute",
                properties: {
                    scaleSettings: {
                        minNodeCount: CLUSTER_DEFAULTS.minNodes,
                        maxNodeCount: 4,
                        nodeIdleTimeBeforeScaleDown: CLUSTER_DEFAULTS.idleTimeBeforeScaleDown,
                    },
                },
            },
        };
        const instance = {
            properties: {
                computeType: "ComputeInstance",
                properties: { idleTimeBeforeShutdown: INSTANCE_DEFAULTS.idleTimeBeforeShutdown },
            },
        };
        expect((await runResourcePolicy(computeClusterScaleToZero, resource(COMPUTE, "cluster", cluster))).status).toBe("passed");
        expect((await runResourcePolicy(computeInstanceIdleShutdown, resource(COMPUTE, "instance", instance))).status).toBe("passed");
    });
});
