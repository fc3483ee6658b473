import {
    networkAccessPolicies,
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
