import type { Resource } from "@pulumi/pulumi";

/**
 * Resource types by token instead of azure-native classes.
 *
 * `@pulumi/policy` only ever reads `__pulumiType` from a class (validateResourceOfType, isType, the
 * server's fast type filter). Importing the real classes would make ts-node type-check azure-native's
 * 16 MB of input/output typings every time the pack starts: measured with run-policy-pack on this
 * machine, ~7.3 s CPU / 530 MB with six azure-native submodule imports vs ~4.1 s / 230 MB with tokens.
 */
export interface ResourceType {
    new (name: string, args: Record<string, unknown>, ...rest: unknown[]): Resource;
    readonly __pulumiType: string;
}

function resourceType(token: string): ResourceType {
    // Never constructed: only the token is read.
    return { __pulumiType: token } as unknown as ResourceType;
}

export const StorageAccount = resourceType("azure-native:storage:StorageAccount");
export const MlWorkspace = resourceType("azure-native:machinelearningservices:Workspace");
export const KeyVault = resourceType("azure-native:keyvault:Vault");
export const ContainerRegistry = resourceType("azure-native:containerregistry:Registry");
export const AppInsightsComponent = resourceType("azure-native:applicationinsights:Component");
export const RoleAssignment = resourceType("azure-native:authorization:RoleAssignment");
export const MlCompute = resourceType("azure-native:machinelearningservices:Compute");
export const MlConnection = resourceType("azure-native:machinelearningservices:WorkspaceConnection");
export const RoleDefinition = resourceType("azure-native:authorization:RoleDefinition");
export const ResourceGroup = resourceType("azure-native:resources:ResourceGroup");

/** Types that hold data: deleting or replacing one loses it (docs/azure-rules/data-protection.md AZ-DATA-04). */
export const statefulTypes: ReadonlySet<string> = new Set([
    ResourceGroup.__pulumiType,
    StorageAccount.__pulumiType,
    "azure-native:storage:BlobContainer",
    KeyVault.__pulumiType,
    "azure-native:operationalinsights:Workspace",
    ContainerRegistry.__pulumiType,
    MlWorkspace.__pulumiType,
]);

/**
 * A type token's package, module and type name, with the module's `/file` (classic providers) or `/vYYYYMMDD`
 * (azure-native's versioned modules) suffix dropped: `azure-native:storage/v20230101:StorageAccount` and
 * `azure:storage/account:Account` name the same kinds of resource as their plain forms. A parameterized local
 * package (`azure-native_storage_v20230101`) counts as its base package.
 */
export function tokenParts(token: string): { pkg: string; module: string; name: string } | undefined {
    const parts = token.split(":");
    if (parts.length !== 3) {
        return undefined;
    }
    const [pkg, module, name] = parts;
    return { pkg: pkg.startsWith("azure-native_") ? "azure-native" : pkg, module: module.split("/")[0], name };
}

/** The same resource in each provider a program may use: azure-native (v2, v3, versioned modules) and classic `azure`. */
function anyOf(...tokens: string[]): (token: string) => boolean {
    const wanted = new Set(tokens);
    return (token) => {
        const parts = tokenParts(token);
        return parts !== undefined && wanted.has(`${parts.pkg}:${parts.module}:${parts.name}`);
    };
}

export const isStorageAccountType = anyOf(StorageAccount.__pulumiType, "azure:storage:Account");
/** Azure ML workspaces, hubs and projects; classic `azure` has separate workspace and AI Foundry hub types. */
export const isMlWorkspaceType = anyOf(MlWorkspace.__pulumiType, "azure:machinelearning:Workspace", "azure:aifoundry:Hub");
/** Classic `azure`'s AI Foundry hub: a hub by type, with no `kind` input. */
export const isClassicHubType = anyOf("azure:aifoundry:Hub");
/** Whether a type comes from the classic `azure` provider, whose inputs are named after Terraform's. */
export const isClassicAzureType = (token: string): boolean => tokenParts(token)?.pkg === "azure";

/** azure-native resources that take a `tags` input, used when the inputs carry no `tags` key at all. */
export const knownTaggableTypes: ReadonlySet<string> = new Set([
    StorageAccount.__pulumiType,
    MlWorkspace.__pulumiType,
    KeyVault.__pulumiType,
    ContainerRegistry.__pulumiType,
    AppInsightsComponent.__pulumiType,
    "azure-native:operationalinsights:Workspace",
    "azure-native:resources:ResourceGroup",
    "azure-native:managedidentity:UserAssignedIdentity",
    "azure-native:network:VirtualNetwork",
    "azure-native:network:PrivateEndpoint",
    "azure-native:privatedns:PrivateZone",
    MlCompute.__pulumiType,
]);
