import {
    networkAccessPolicies,
    privateWorkspacePublicAssociated,
    registryPremiumForApprovedOutbound,
    workspacePrivateReachable,
    workspacePublicWithoutAllowlist,
} from "../../../policies/policies";
import { resource, runResourcePolicy, runStackPolicy } from "../harness";
import { types, unknown, workspace } from "../fixtures";

const peType = "azure-native:network:PrivateEndpoint";
const endpointTo = (target: ReturnType<typeof workspace>) =>
    resource(
        peType,
        "pe",
        { privateLinkServiceConnections: [{ groupIds: ["amlworkspace"], privateLinkServiceId: unknown }] },
        {
            propertyDependencies: { privateLinkServiceConnections: [target] },
        },
    );
const registry = (sku: string) => resource(types.registry, "cr", { sku: { name: sku }, adminUserEnabled: false });

describe("network access policies", () => {
    it("are advisory by default", () => {
        expect(networkAccessPolicies.map((p) => [p.name, p.enforcementLevel ?? "advisory"])).toEqual([
            ["aml-workspace-public-ip-allowlist", "advisory"],
            ["aml-workspace-private-reachable", "advisory"],
            ["aml-registry-premium-approved-outbound", "advisory"],
            ["aml-workspace-associated-private", "advisory"],
        ]);
    });
});

describe("aml-workspace-public-ip-allowlist", () => {
    const run = (props: Record<string, unknown>) =>
        runResourcePolicy(workspacePublicWithoutAllowlist, resource(types.workspace, "ws", props));

    it("passes a private workspace and a public one with an allow-list", async () => {
        expect((await run({ publicNetworkAccess: "Disabled" })).status).toBe("passed");
        expect((await run({ publicNetworkAccess: "Enabled", ipAllowlist: ["203.0.113.0/24"] })).status).toBe("passed");
        expect((await run({ networkAcls: { defaultAction: "Deny", ipRules: [{ value: "203.0.113.7" }] } })).status).toBe("passed");
    });

    it("flags public access with no allow-list, absent meaning Enabled", async () => {
        for (const props of [{ publicNetworkAccess: "Enabled" }, {}, { publicNetworkAccess: "Enabled", ipAllowlist: [] }]) {
            expect((await run(props)).violations).toHaveLength(1);
        }
    });
});

describe("aml-workspace-private-reachable (AZ-PE-07)", () => {
    it("passes a private workspace with an endpoint to it, and a public one without", async () => {
        const ws = workspace("ws");
        expect((await runStackPolicy(workspacePrivateReachable, [ws, endpointTo(ws)])).status).toBe("passed");
        expect((await runStackPolicy(workspacePrivateReachable, [workspace("pub", { publicNetworkAccess: "Enabled" })])).status).toBe(
            "passed",
        );
    });

    it("flags a private workspace whose only endpoint reaches something else, and skips projects", async () => {
        const ws = workspace("ws");
        const outcome = await runStackPolicy(workspacePrivateReachable, [
            ws,
            endpointTo(workspace("other", { publicNetworkAccess: "Enabled" })),
        ]);
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0]).toMatchObject({ urn: ws.urn });
        expect((await runStackPolicy(workspacePrivateReachable, [workspace("prj", { kind: "Project" })])).status).toBe("passed");
    });
});

describe("aml-registry-premium-approved-outbound (AZ-PE-04)", () => {
    const withRegistry = (sku: string, mode = "AllowOnlyApprovedOutbound") => {
        const cr = registry(sku);
        const ws = workspace("ws", { containerRegistry: unknown, managedNetwork: { isolationMode: mode } }, undefined, {
            propertyDependencies: { containerRegistry: [cr] },
        });
        return [cr, ws];
    };

    it("passes a Premium registry, and any tier with internet outbound", async () => {
        expect((await runStackPolicy(registryPremiumForApprovedOutbound, withRegistry("Premium"))).status).toBe("passed");
        expect((await runStackPolicy(registryPremiumForApprovedOutbound, withRegistry("Basic", "AllowInternetOutbound"))).status).toBe(
            "passed",
        );
    });

    it("flags a Basic or Standard registry under approved-outbound-only", async () => {
        for (const sku of ["Basic", "Standard"]) {
            const outcome = await runStackPolicy(registryPremiumForApprovedOutbound, withRegistry(sku));
            expect(outcome.violations).toHaveLength(1);
            expect(outcome.violations[0].message).toContain(sku);
        }
    });
});

describe("aml-workspace-associated-private (AZ-PE-09)", () => {
    const privateSet = () => ({
        st: resource(types.storage, "st", { publicNetworkAccess: "Disabled" }),
        kv: resource(types.vault, "kv", { properties: { publicNetworkAccess: "Disabled" } }),
        cr: resource(types.registry, "cr", { sku: { name: "Premium" }, publicNetworkAccess: "Disabled" }),
    });
    const withSet = (set: ReturnType<typeof privateSet>, access = "Disabled") => [
        ...Object.values(set),
        workspace(
            "ws",
            { publicNetworkAccess: access, storageAccount: unknown, keyVault: unknown, containerRegistry: unknown },
            undefined,
            {
                propertyDependencies: { storageAccount: [set.st], keyVault: [set.kv], containerRegistry: [set.cr] },
            },
        ),
    ];

    it("passes a private workspace on private resources, and a public workspace on public ones", async () => {
        expect((await runStackPolicy(privateWorkspacePublicAssociated, withSet(privateSet()))).status).toBe("passed");
        const open = { ...privateSet(), st: resource(types.storage, "st", {}) };
        expect((await runStackPolicy(privateWorkspacePublicAssociated, withSet(open, "Enabled"))).status).toBe("passed");
    });

    it.each([
        ["storageAccount", "st", { publicNetworkAccess: "Enabled" }],
        ["keyVault", "kv", { properties: {} }],
        ["containerRegistry", "cr", { sku: { name: "Premium" } }],
    ] as const)("flags a private workspace whose %s keeps public access", async (key, role, props) => {
        const set = privateSet();
        const type = { st: types.storage, kv: types.vault, cr: types.registry }[role];
        const outcome = await runStackPolicy(privateWorkspacePublicAssociated, withSet({ ...set, [role]: resource(type, role, props) }));
        expect(outcome.violations).toHaveLength(1);
        expect(outcome.violations[0].message).toContain(`its ${key} '${role}'`);
    });
});
