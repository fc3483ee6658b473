import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { MlWorkspace } from "../lib/resourceTypes";
import { path, prop, sameText, show } from "../lib/values";

/**
 * Workspace baseline. No remediation: adding an identity, closing public access or enabling a managed
 * network (which can never be disabled again) changes how people and services reach the workspace.
 */

/**
 * @why A workspace reaches its storage, key vault and registry with its managed identity, so no keys are stored in it.
 */
export const workspaceManagedIdentity: ResourceValidationPolicy = {
    name: "aml-workspace-managed-identity",
    description: "Azure ML workspaces must have a managed identity (identity.type not None or absent).",
    severity: "medium",
    remediationSteps: 'Set identity: { type: "SystemAssigned" } or a user-assigned identity.',
    validateResource: validateResourceOfType(MlWorkspace, (props, _args, report) => {
        const type = path(props, "identity", "type");
        if (typeof type !== "string" || type === "" || sameText(type, "None")) {
            report(`identity.type is ${type === undefined ? "not set" : show(type)}.`);
        }
    }),
};

/**
 * @why A workspace reachable from the internet relies on credentials alone; private endpoints keep the studio and
 * APIs on private networks.
 */
export const workspaceNoPublicNetwork: ResourceValidationPolicy = {
    name: "aml-workspace-no-public-network",
    description: "Azure ML workspaces must disable public network access (publicNetworkAccess: Disabled).",
    severity: "medium",
    remediationSteps: 'Set publicNetworkAccess: "Disabled" and reach the workspace through a private endpoint.',
    validateResource: validateResourceOfType(MlWorkspace, (props, _args, report) => {
        const access = prop(props, "publicNetworkAccess");
        if (!sameText(access, "Disabled")) {
            report(`publicNetworkAccess is ${access === undefined ? "not set (the service default is Enabled)" : show(access)}.`);
        }
    }),
};

/**
 * @why Managed network isolation puts compute in a network Azure ML manages, with outbound traffic limited to rules.
 * Projects are exempt: they use their hub's network. It cannot be disabled once enabled.
 */
export const workspaceManagedNetwork: ResourceValidationPolicy = {
    name: "aml-workspace-managed-network",
    description: "Azure ML workspaces must use managed network isolation (managedNetwork.isolationMode not Disabled or absent).",
    severity: "medium",
    remediationSteps:
        'Set managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } (or AllowInternetOutbound). It cannot be disabled later.',
    validateResource: validateResourceOfType(MlWorkspace, (props, args, report) => {
        if (sameText(prop(props, "kind"), "Project")) {
            args.notApplicable("Projects inherit the hub's managed network.");
        }
        const mode = path(props, "managedNetwork", "isolationMode");
        if (mode === undefined || mode === null || sameText(mode, "Disabled")) {
            report(`managedNetwork.isolationMode is ${mode == null ? "not set (Disabled)" : show(mode)}.`);
        }
    }),
};

export const workspaceBaselinePolicies = [workspaceManagedIdentity, workspaceNoPublicNetwork, workspaceManagedNetwork];
