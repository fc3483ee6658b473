import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { validateResourceOfType } from "@pulumi/policy";
import { ContainerRegistry, KeyVault, MlWorkspace, ResourceType, StorageAccount } from "../lib/resourceTypes";
import { descendants, indexChildren, isOfType, propertyDependencies, uniqueByUrn, workspaceKind, workspacesIn } from "../lib/stack";
import { forEachItem, path, prop, sameText, show } from "../lib/values";

/**
 * Inbound access and the managed network's private endpoints (docs/azure-rules/private-networking.md). Advisory: a
 * workspace may be reached or built in ways this stack does not show (endpoints made by a network team, registries
 * brought by id).
 */

const PrivateEndpoint: ResourceType = { __pulumiType: "azure-native:network:PrivateEndpoint" } as unknown as ResourceType;

/** The resources of `type` an input of `resource` was computed from, looking inside components it came through. */
function inputsOfType(resource: PolicyResource, key: string, type: ResourceType, children: Map<string, PolicyResource[]>) {
    const deps = propertyDependencies(resource, key);
    const direct = deps.filter((d) => isOfType(d, type));
    return uniqueByUrn(direct.length ? direct : deps.flatMap((d) => descendants(d, children)).filter((d) => isOfType(d, type)));
}

function ipRuleCount(props: unknown): number {
    const allowlist = prop(props, "ipAllowlist");
    const rules = path(props, "networkAcls", "ipRules");
    return (Array.isArray(allowlist) ? allowlist.length : 0) + (Array.isArray(rules) ? rules.length : 0);
}

/**
 * @why A workspace open to every network relies on credentials alone; an IP allow-list narrows public access to known
 * addresses when private endpoints are not an option.
 */
export const workspacePublicWithoutAllowlist: ResourceValidationPolicy = {
    name: "aml-workspace-public-ip-allowlist",
    description:
        "Azure ML workspaces with public network access should restrict it to an IP allow-list (ipAllowlist or networkAcls.ipRules).",
    severity: "medium",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link#enable-public-access-only-from-internet-ip-ranges",
    remediationSteps: "Add a private endpoint and set publicNetworkAccess: Disabled, or allow only your IP ranges.",
    validateResource: validateResourceOfType(MlWorkspace, (props, _args, report) => {
        const access = prop(props, "publicNetworkAccess");
        if (sameText(access, "Disabled")) return;
        if (ipRuleCount(props) === 0) {
            report(
                `publicNetworkAccess is ${access === undefined ? "not set (Enabled)" : show(access)} with no IP allow-list: every network can reach it.`,
            );
        }
    }),
};

/**
 * @why With public network access disabled, only private endpoints reach the studio and APIs; a private workspace
 * without one in the stack is unreachable unless endpoints are made elsewhere.
 */
export const workspacePrivateReachable: StackValidationPolicy = {
    name: "aml-workspace-private-reachable",
    description:
        "Azure ML workspaces and hubs with publicNetworkAccess: Disabled should have an inbound private endpoint (group amlworkspace) in the stack.",
    severity: "high",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link",
    remediationSteps:
        "Add a private endpoint to the workspace with a DNS zone group on privatelink.api.azureml.ms and privatelink.notebooks.azure.net.",
    validateStack: (args, report) => {
        const endpoints = args.resources.filter((r) => isOfType(r, PrivateEndpoint));
        forEachItem(workspacesIn(args.resources), (workspace) => {
            // Projects are reached through their hub's endpoint.
            if (workspaceKind(workspace) === "project" || !sameText(prop(workspace.props, "publicNetworkAccess"), "Disabled")) return;
            const reached = endpoints.some((pe) =>
                propertyDependencies(pe, "privateLinkServiceConnections").some((d) => d.urn === workspace.urn),
            );
            if (!reached)
                report(
                    `Workspace '${workspace.name}' has public network access disabled and no private endpoint in this stack.`,
                    workspace.urn,
                );
        });
    },
};

/**
 * @why Approved-outbound-only reaches the workspace's registry through a private endpoint, which a registry offers only
 * on the Premium tier; with another tier image builds and pulls from managed compute fail.
 */
export const registryPremiumForApprovedOutbound: StackValidationPolicy = {
    name: "aml-registry-premium-approved-outbound",
    description: "A workspace with managedNetwork.isolationMode AllowOnlyApprovedOutbound should use a Premium container registry.",
    severity: "high",
    url: "https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
    remediationSteps: "Set the registry's sku.name to Premium (or let Azure ML create the registry).",
    validateStack: (args, report) => {
        const children = indexChildren(args.resources);
        forEachItem(workspacesIn(args.resources), (workspace) => {
            if (!sameText(path(workspace.props, "managedNetwork", "isolationMode"), "AllowOnlyApprovedOutbound")) return;
            for (const registry of inputsOfType(workspace, "containerRegistry", ContainerRegistry, children)) {
                const sku = path(registry.props, "sku", "name");
                if (!sameText(sku, "Premium")) {
                    report(
                        `Workspace '${workspace.name}' allows only approved outbound, but its registry '${registry.name}' is ${show(sku)}, which takes no private endpoint.`,
                        workspace.urn,
                    );
                }
            }
        });
    },
};

/** Where each associated resource's public network access is, and the workspace input it is computed into. */
const ASSOCIATED: readonly { key: string; type: ResourceType; access: readonly string[] }[] = [
    { key: "storageAccount", type: StorageAccount, access: ["publicNetworkAccess"] },
    { key: "keyVault", type: KeyVault, access: ["properties", "publicNetworkAccess"] },
    { key: "containerRegistry", type: ContainerRegistry, access: ["publicNetworkAccess"] },
];

/**
 * @why A private endpoint on the workspace alone is not end-to-end isolation: its storage, key vault and registry stay
 * reachable from the internet unless their public access is off too (and clients then reach them by their own endpoints).
 */
export const privateWorkspacePublicAssociated: StackValidationPolicy = {
    name: "aml-workspace-associated-private",
    description:
        "Azure ML workspaces and hubs with publicNetworkAccess: Disabled should use a storage account, key vault and container registry with public network access disabled.",
    severity: "medium",
    url: "https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link",
    remediationSteps:
        "Set the associated resource's publicNetworkAccess to Disabled and give it private endpoints (blob and file, vault, registry) where clients are.",
    validateStack: (args, report) => {
        const children = indexChildren(args.resources);
        forEachItem(workspacesIn(args.resources), (workspace) => {
            if (workspaceKind(workspace) === "project" || !sameText(prop(workspace.props, "publicNetworkAccess"), "Disabled")) return;
            for (const { key, type, access } of ASSOCIATED) {
                for (const associated of inputsOfType(workspace, key, type, children)) {
                    const value = path(associated.props, ...access);
                    if (!sameText(value, "Disabled"))
                        report(
                            `Workspace '${workspace.name}' is private, but its ${key} '${associated.name}' has public network access ${value === undefined ? "not set (Enabled)" : show(value)}.`,
                            workspace.urn,
                        );
                }
            }
        });
    },
};

export const networkAccessPolicies = [
    workspacePublicWithoutAllowlist,
    workspacePrivateReachable,
    registryPremiumForApprovedOutbound,
    privateWorkspacePublicAssociated,
];
