/** The resource policies of the security baseline (storage, key vault, registry, App Insights, workspace). */
import { ResourceValidationPolicy, Secret } from "@pulumi/policy";
import {
    appInsightsWorkspaceBased,
    keyVaultPurgeProtection,
    keyVaultRbac,
    projectNoAssociatedResources,
    registryAdminDisabled,
    storageHttpsOnly,
    storageMinTls,
    storageNoPublicBlob,
    workspaceManagedIdentity,
    workspaceManagedNetwork,
    workspaceNoPublicNetwork,
} from "../../../policies/policies";
import { resource, runRemediation, runResourcePolicy } from "../harness";
import { storageAccount, types, unknown, unknownObject, workspace } from "../fixtures";

interface Case {
    policy: ResourceValidationPolicy;
    type: string;
    compliant: Record<string, unknown>[];
    violating: Record<string, unknown>[];
    /** Props whose only relevant value is unknown in preview. */
    unknown: Record<string, unknown>;
}

const vault = (properties: Record<string, unknown>) => ({
    resourceGroupName: "rg",
    properties: { tenantId: "t", sku: { family: "A", name: "standard" }, enableSoftDelete: true, ...properties },
});
const hub = { kind: "Hub", identity: { type: "SystemAssigned" } };

const cases: Case[] = [
    {
        policy: storageHttpsOnly,
        type: types.storage,
        compliant: [{}, { enableHttpsTrafficOnly: true }],
        violating: [{ enableHttpsTrafficOnly: false }],
        unknown: { enableHttpsTrafficOnly: unknown },
    },
    {
        policy: storageMinTls,
        type: types.storage,
        compliant: [{ minimumTlsVersion: "TLS1_2" }, { minimumTlsVersion: "TLS1_3" }],
        violating: [{}, { minimumTlsVersion: "TLS1_0" }, { minimumTlsVersion: "TLS1_1" }, { minimumTlsVersion: 12 }],
        unknown: { minimumTlsVersion: unknown },
    },
    {
        policy: storageNoPublicBlob,
        type: types.storage,
        compliant: [{}, { allowBlobPublicAccess: false }],
        violating: [{ allowBlobPublicAccess: true }],
        unknown: { allowBlobPublicAccess: unknown },
    },
    {
        policy: keyVaultPurgeProtection,
        type: types.vault,
        compliant: [vault({ enablePurgeProtection: true })],
        violating: [vault({}), {}, vault({ enablePurgeProtection: false })],
        unknown: vault({ enablePurgeProtection: unknown }),
    },
    {
        policy: keyVaultRbac,
        type: types.vault,
        compliant: [vault({ enableRbacAuthorization: true })],
        // The SDK fills in enableRbacAuthorization: false when omitted; absent is a violation too.
        violating: [vault({ enableRbacAuthorization: false }), vault({})],
        unknown: { properties: unknownObject },
    },
    {
        policy: registryAdminDisabled,
        type: types.registry,
        compliant: [{ sku: { name: "Basic" } }, { adminUserEnabled: false }],
        violating: [{ adminUserEnabled: true }],
        unknown: { adminUserEnabled: unknown },
    },
    {
        policy: appInsightsWorkspaceBased,
        type: types.appInsights,
        // An unknown id of a new Log Analytics workspace is set: compliant, not advisory.
        compliant: [{ workspaceResourceId: "/subscriptions/s/law" }, { workspaceResourceId: unknown }],
        violating: [{ kind: "web", applicationType: "web" }, { workspaceResourceId: "" }, { workspaceResourceId: null }],
        unknown: {},
    },
    {
        policy: workspaceManagedIdentity,
        type: types.workspace,
        compliant: [{ identity: { type: "SystemAssigned" } }, { identity: { type: "SystemAssigned,UserAssigned" } }],
        violating: [{}, { identity: { type: "None" } }, { identity: {} }, { identity: null }],
        unknown: { identity: { type: unknown } },
    },
    {
        policy: workspaceNoPublicNetwork,
        type: types.workspace,
        compliant: [{ publicNetworkAccess: "Disabled" }],
        violating: [{}, { publicNetworkAccess: "Enabled" }],
        unknown: { publicNetworkAccess: unknown },
    },
    {
        policy: workspaceManagedNetwork,
        type: types.workspace,
        compliant: [
            { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } },
            { ...hub, managedNetwork: { isolationMode: "AllowInternetOutbound" } },
        ],
        violating: [{}, { managedNetwork: {} }, { managedNetwork: { isolationMode: "Disabled" } }],
        unknown: { managedNetwork: unknownObject },
    },
    {
        policy: projectNoAssociatedResources,
        type: types.workspace,
        compliant: [{ kind: "Project", hubResourceId: unknown, publicNetworkAccess: "Disabled" }],
        // Wired to new resources, these inputs are unknown in preview but still set: violations.
        violating: [
            { kind: "Project", storageAccount: unknown },
            { kind: "project", keyVault: "/subscriptions/s/kv" },
            { kind: "Project", managedNetwork: { isolationMode: "Disabled" } },
        ],
        unknown: { kind: unknown, storageAccount: "x" },
    },
];

describe.each(cases)("$policy.name", ({ policy, type, compliant, violating, unknown: unknownProps }) => {
    const run = (props: Record<string, unknown>) => runResourcePolicy(policy, resource(type, "r", props));

    it("passes compliant inputs", async () => {
        for (const props of compliant) {
            expect(await run(props)).toMatchObject({ status: "passed", violations: [] });
        }
    });

    it("reports violating inputs once, at the policy's level", async () => {
        for (const props of violating) {
            const outcome = await run(props);
            expect(outcome.violations).toHaveLength(1);
            expect(outcome.violations[0].enforcementLevel).toBe(policy.enforcementLevel ?? "advisory");
            expect(outcome.violations[0].message.startsWith(`${policy.description}\n`)).toBe(true);
        }
    });

    it("leaves other resource types alone", async () => {
        const outcome = await runResourcePolicy(policy, resource(types.resourceGroup, "rg", {}));
        expect(outcome.status).toBe("not-applicable");
    });

    it("handles unknown values without throwing", async () => {
        const outcome = await run(unknownProps);
        const expected = Object.keys(unknownProps).length ? "advisory-unknown" : "violation";
        expect(outcome.status).toBe(expected);
    });

    it("follows the configured enforcement level", async () => {
        const [props] = violating;
        expect((await runResourcePolicy(policy, resource(type, "r", props), { config: "disabled" })).status).toBe("disabled");
        const mandatory = await runResourcePolicy(policy, resource(type, "r", props), { config: { enforcementLevel: "mandatory" } });
        expect(mandatory.violations[0].enforcementLevel).toBe("mandatory");
    });
});

describe("scoping of workspace policies", () => {
    it("does not require a managed network on projects (they inherit the hub's)", async () => {
        const outcome = await runResourcePolicy(workspaceManagedNetwork, resource(types.workspace, "p", { kind: "Project" }));
        expect(outcome.status).toBe("not-applicable");
    });

    it("checks associated resources only on projects", async () => {
        const outcome = await runResourcePolicy(projectNoAssociatedResources, workspace("hub", { kind: "Hub", keyVault: "kv" }));
        expect(outcome.status).toBe("not-applicable");
    });

    it("names every offending project input", async () => {
        const outcome = await runResourcePolicy(
            projectNoAssociatedResources,
            resource(types.workspace, "p", {
                kind: "Project",
                storageAccount: unknown,
                applicationInsights: "ai",
                containerRegistry: unknown,
            }),
        );
        expect(outcome.violations[0].message).toContain("storageAccount, applicationInsights, containerRegistry");
    });
});

describe("remediation", () => {
    const remediate = { config: "remediate" as const };

    it.each([
        [storageHttpsOnly, { enableHttpsTrafficOnly: false }, { enableHttpsTrafficOnly: true }],
        [storageMinTls, { minimumTlsVersion: "TLS1_0" }, { minimumTlsVersion: "TLS1_2" }],
        [storageMinTls, { minimumTlsVersion: undefined }, { minimumTlsVersion: "TLS1_2" }],
        [storageNoPublicBlob, { allowBlobPublicAccess: true }, { allowBlobPublicAccess: false }],
    ])("%#: fixes storage inputs and keeps everything else, secrets and unknowns included", async (policy, bad, fixed) => {
        const sa = storageAccount("st", { ...bad, resourceGroupName: unknown, tags: { owner: new Secret("me") } });
        const outcome = await runRemediation(policy, sa, remediate);
        expect(outcome.status).toBe("remediated");
        expect(outcome.props).toMatchObject({ ...fixed, resourceGroupName: unknown, kind: "StorageV2" });
        // The secret tag is still a secret in the response.
        expect(JSON.stringify(outcome.props?.tags)).toContain("1b47061264138c4ac30d75fd1eb44270");
        // And the fixed inputs pass the validation.
        expect((await runResourcePolicy(policy, { ...sa, props: outcome.props! })).violations).toHaveLength(0);
    });

    it("fixes the registry admin user", async () => {
        const outcome = await runRemediation(registryAdminDisabled, resource(types.registry, "acr", { adminUserEnabled: true }), remediate);
        expect(outcome.props).toEqual({ adminUserEnabled: false });
    });

    it("changes nothing on compliant inputs, and nothing below the remediate level", async () => {
        expect((await runRemediation(storageMinTls, storageAccount("st"), remediate)).status).toBe("unchanged");
        expect((await runRemediation(storageMinTls, storageAccount("st", { minimumTlsVersion: "TLS1_0" }))).status).toBe("skipped");
    });

    it("does not overwrite a value that is unknown in preview", async () => {
        const outcome = await runRemediation(storageMinTls, storageAccount("st", { minimumTlsVersion: unknown }), remediate);
        expect(outcome.status).toBe("advisory-unknown");
    });

    it.each([keyVaultRbac, keyVaultPurgeProtection, workspaceManagedIdentity, workspaceNoPublicNetwork, workspaceManagedNetwork])(
        "$name does not remediate (unsafe or irreversible)",
        async (policy) => {
            expect(policy.remediateResource).toBeUndefined();
        },
    );

    it("reports a remediate-level violation that was not fixed as mandatory", async () => {
        const outcome = await runResourcePolicy(keyVaultRbac, resource(types.vault, "kv", vault({})), remediate);
        expect(outcome.violations[0].enforcementLevel).toBe("mandatory");
    });
});
