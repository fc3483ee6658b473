import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { MlCompute, MlConnection } from "../lib/resourceTypes";
import { path, sameText, show } from "../lib/values";

/** Compute and connection policies: idle cost, network exposure and keys (docs/azure-rules/compute.md, connections.md). */

const computeType = (props: unknown, type: string) => sameText(path(props, "properties", "computeType"), type);
const inner = (props: unknown, key: string) => path(props, "properties", "properties", key);

interface ScaleToZeroConfig {
    maxMinNodes?: number;
}

/**
 * @why A cluster keeps `minNodeCount` nodes running, and billing, while no job runs; at 0 an idle cluster costs
 * nothing (docs/azure-rules/compute.md AZ-COMPUTE-02).
 * @configExample { "maxMinNodes": 1 }
 */
export const computeClusterScaleToZero: ResourceValidationPolicy = {
    name: "aml-compute-cluster-scale-to-zero",
    description: "Compute clusters should scale to zero nodes when idle (scaleSettings.minNodeCount 0).",
    severity: "medium",
    remediationSteps: "Set scaleSettings.minNodeCount to 0; jobs wait for nodes to start instead of paying for idle ones.",
    configSchema: {
        properties: {
            maxMinNodes: { type: "integer", minimum: 0, default: 0, description: "Largest minNodeCount allowed." },
        },
    },
    validateResource: validateResourceOfType(MlCompute, (props, args, report) => {
        if (!computeType(props, "AmlCompute")) {
            return;
        }
        const allowed = args.getConfig<ScaleToZeroConfig>().maxMinNodes ?? 0;
        const min = path(inner(props, "scaleSettings"), "minNodeCount");
        // Azure's default minimum is 0.
        if (min !== undefined && !(typeof min === "number" && min <= allowed)) {
            report(`minNodeCount is ${show(min)}; at most ${allowed} allowed.`);
        }
    }),
};

/**
 * @why A compute instance bills for every hour it runs; idle shutdown stops it when nobody uses it
 * (docs/azure-rules/compute.md AZ-COMPUTE-03).
 */
export const computeInstanceIdleShutdown: ResourceValidationPolicy = {
    name: "aml-compute-instance-idle-shutdown",
    description: "Compute instances should shut down when idle (idleTimeBeforeShutdown set).",
    severity: "medium",
    remediationSteps: "Set idleTimeBeforeShutdown to an ISO 8601 duration between PT15M and P3D, e.g. PT60M.",
    validateResource: validateResourceOfType(MlCompute, (props, _args, report) => {
        if (!computeType(props, "ComputeInstance")) {
            return;
        }
        const idle = inner(props, "idleTimeBeforeShutdown");
        if (typeof idle !== "string" || idle === "") {
            report(`idleTimeBeforeShutdown is ${show(idle)}.`);
        }
    }),
};

/**
 * @why Nodes with public IPs are reachable from the internet; in a managed network or a subnet they need none
 * (docs/azure-rules/compute.md AZ-COMPUTE-04).
 */
export const computeNoPublicIp: ResourceValidationPolicy = {
    name: "aml-compute-no-public-ip",
    description: "Compute clusters and instances should have no public IP (enableNodePublicIp: false).",
    severity: "medium",
    remediationSteps: "Set enableNodePublicIp: false; the compute needs a managed network or a subnet for it.",
    validateResource: validateResourceOfType(MlCompute, (props, _args, report) => {
        if (!computeType(props, "AmlCompute") && !computeType(props, "ComputeInstance")) {
            return;
        }
        // Azure's default is true.
        if (inner(props, "enableNodePublicIp") !== false) {
            report(`enableNodePublicIp is ${show(inner(props, "enableNodePublicIp"))}.`);
        }
    }),
};

/** @why Local authentication means keys; with it off the compute accepts only Entra ID. */
export const computeLocalAuthDisabled: ResourceValidationPolicy = {
    name: "aml-compute-local-auth-disabled",
    description: "Compute should disable local authentication (disableLocalAuth: true).",
    severity: "medium",
    remediationSteps: "Set disableLocalAuth: true so only Microsoft Entra ID authenticates.",
    validateResource: validateResourceOfType(MlCompute, (props, _args, report) => {
        const disabled = path(props, "properties", "disableLocalAuth");
        if (disabled !== true) {
            report(`disableLocalAuth is ${show(disabled)}.`);
        }
    }),
};

/** Categories whose targets accept Microsoft Entra ID (docs/azure-rules/connections.md AZ-CONN-01). */
const IDENTITY_CAPABLE = ["AzureOpenAI", "AIServices", "CognitiveSearch", "AzureBlob", "AzureDataLakeGen2", "ContainerRegistry"];

/**
 * @why A key is a shared secret anyone holding it can use; Entra ID through the workspace identity needs no secret
 * and is revoked with a role assignment (docs/azure-rules/connections.md AZ-CONN-03).
 */
export const connectionIdentityAuth: ResourceValidationPolicy = {
    name: "aml-connection-identity-auth",
    description: "Connections should authenticate with Microsoft Entra ID (authType AAD) where the target supports it, not with keys.",
    severity: "medium",
    remediationSteps: "Set properties.authType to AAD and grant the workspace identity the target's data role.",
    validateResource: validateResourceOfType(MlConnection, (props, _args, report) => {
        const category = path(props, "properties", "category");
        const authType = path(props, "properties", "authType");
        if (!IDENTITY_CAPABLE.some((c) => sameText(category, c))) {
            return;
        }
        if (sameText(authType, "ApiKey") || sameText(authType, "AccountKey") || sameText(authType, "SAS")) {
            report(`The ${show(category)} connection uses authType ${show(authType)}.`);
        }
    }),
};

export const computePolicies = [
    computeClusterScaleToZero,
    computeInstanceIdleShutdown,
    computeNoPublicIp,
    computeLocalAuthDisabled,
    connectionIdentityAuth,
];
