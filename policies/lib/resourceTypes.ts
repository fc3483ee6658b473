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
