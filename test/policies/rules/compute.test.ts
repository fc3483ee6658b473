/**
 * Compute and connection policies: each case mutates one property of a compliant baseline, the way the program
 * creates compute (a cluster at 0 nodes, an instance with idle shutdown, no public IP, no local auth) and connections
 * (Entra ID auth).
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import {
    computeClusterScaleToZero,
    computeInstanceIdleShutdown,
    computeLocalAuthDisabled,
    computeNoPublicIp,
    connectionIdentityAuth,
} from "../../../policies/policies";
import { allPolicies } from "../../../policies/policies";
import { resource, runResourcePolicy, RunOptions } from "../harness";
import { unknown } from "../fixtures";

const COMPUTE = "azure-native:machinelearningservices:Compute";
const CONNECTION = "azure-native:machinelearningservices:WorkspaceConnection";

const cluster = (inner: Record<string, unknown> = {}, outer: Record<string, unknown> = {}) => ({
    workspaceName: "mlw",
    properties: {
        computeType: "AmlCompute",
        disableLocalAuth: true,
        ...outer,
        properties: {
            vmSize: "Standard_DS3_v2",
            enableNodePublicIp: false,
            scaleSettings: { minNodeCount: 0, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: "PT120S" },
            ...inner,
        },
    },
});
const instance = (inner: Record<string, unknown> = {}, outer: Record<string, unknown> = {}) => ({
    workspaceName: "hub",
    properties: {
        computeType: "ComputeInstance",
        disableLocalAuth: true,
        ...outer,
        properties: { vmSize: "Standard_DS3_v2", enableNodePublicIp: false, idleTimeBeforeShutdown: "PT60M", ...inner },
    },
});
const connection = (properties: Record<string, unknown> = {}) => ({
    workspaceName: "hub",
    properties: { category: "AzureOpenAI", authType: "AAD", target: "https://oai.openai.azure.com/", ...properties },
});

interface Case {
    id: string;
    policy: ResourceValidationPolicy;
    type: string;
    compliant: Record<string, unknown>[];
    violating: Record<string, unknown>[];
    options?: RunOptions;
}

const cases: Case[] = [
    {
        id: "AZ-COMPUTE-02",
        policy: computeClusterScaleToZero,
        type: COMPUTE,
        compliant: [cluster(), cluster({ scaleSettings: { maxNodeCount: 2 } }), instance()],
        violating: [cluster({ scaleSettings: { minNodeCount: 1, maxNodeCount: 4 } })],
    },
    {
        id: "AZ-COMPUTE-03",
        policy: computeInstanceIdleShutdown,
        type: COMPUTE,
        compliant: [instance(), cluster()],
        violating: [instance({ idleTimeBeforeShutdown: undefined }), instance({ idleTimeBeforeShutdown: "" })],
    },
    {
        id: "AZ-COMPUTE-04",
        policy: computeNoPublicIp,
        type: COMPUTE,
        compliant: [cluster(), instance()],
        violating: [cluster({ enableNodePublicIp: true }), instance({ enableNodePublicIp: undefined })],
    },
    {
        id: "AZ-COMPUTE-07",
        policy: computeLocalAuthDisabled,
        type: COMPUTE,
        compliant: [cluster(), instance()],
        violating: [cluster({}, { disableLocalAuth: false }), instance({}, { disableLocalAuth: undefined })],
    },
    {
        id: "AZ-CONN-03",
        policy: connectionIdentityAuth,
        type: CONNECTION,
        // A custom-key connection has no identity alternative.
        compliant: [connection(), connection({ category: "CustomKeys", authType: "CustomKeys" })],
        violating: [connection({ authType: "ApiKey" }), connection({ category: "AzureBlob", authType: "AccountKey" })],
    },
];

describe.each(cases)("$id $policy.name", ({ policy, type, compliant, violating }) => {
    const run = (props: Record<string, unknown>, options?: RunOptions) => runResourcePolicy(policy, resource(type, "r", props), options);

    it("is in the pack, advisory by default", () => {
        expect(allPolicies).toContain(policy);
        expect(policy.enforcementLevel ?? "advisory").toBe("advisory");
    });

    it("passes the compliant baseline", async () => {
        for (const props of compliant) expect(await run(props)).toMatchObject({ status: "passed", violations: [] });
    });

    it("reports each one-property mutation once", async () => {
        for (const props of violating) {
            const outcome = await run(props);
            expect(outcome.violations).toHaveLength(1);
            expect(outcome.violations[0].message.startsWith(`${policy.description}\n`)).toBe(true);
        }
    });

    it("can be made mandatory by policy config", async () => {
        const outcome = await run(violating[0], { config: "mandatory" });
        expect(outcome.violations[0].enforcementLevel).toBe("mandatory");
    });
});

describe("AZ-COMPUTE-02 aml-compute-cluster-scale-to-zero config", () => {
    it("allows a configured minimum and reports one above it", async () => {
        const run = (min: number) =>
            runResourcePolicy(
                computeClusterScaleToZero,
                resource(COMPUTE, "c", cluster({ scaleSettings: { minNodeCount: min, maxNodeCount: 4 } })),
                {
                    config: { maxMinNodes: 1 },
                },
            );
        expect((await run(1)).violations).toHaveLength(0);
        expect((await run(2)).violations).toHaveLength(1);
    });

    it("leaves an unknown minimum to the server's advisory", async () => {
        const outcome = await runResourcePolicy(
            computeClusterScaleToZero,
            resource(COMPUTE, "c", cluster({ scaleSettings: { minNodeCount: unknown, maxNodeCount: 4 } })),
        );
        expect(outcome.violations).toHaveLength(0);
    });
});
