/** Builders for policy test fixtures: azure-native props as the engine sends them, plus preview unknowns. */
import { resource, ResourceFixture } from "./harness";

/** The string sentinel the engine sends for an unknown output during preview. */
export const unknown: string = require("@pulumi/pulumi/runtime/rpc").unknownValue;

/** All sentinels the policy proxy recognizes (string, number, boolean, array, asset, archive, object). */
const proxy = require("@pulumi/policy/proxy") as Record<string, string>;
export const unknownSentinels: string[] = [
    unknown, // === proxy.unknownStringValue
    proxy.unknownNumberValue,
    proxy.unknownBooleanValue,
    proxy.unknownArrayValue,
    proxy.unknownAssetValue,
    proxy.unknownArchiveValue,
    proxy.unknownObjectValue,
];
export const unknownObject = proxy.unknownObjectValue;

export const types = {
    storage: "azure-native:storage:StorageAccount",
    workspace: "azure-native:machinelearningservices:Workspace",
    datastore: "azure-native:machinelearningservices:Datastore",
    vault: "azure-native:keyvault:Vault",
    registry: "azure-native:containerregistry:Registry",
    appInsights: "azure-native:applicationinsights:Component",
    logAnalytics: "azure-native:operationalinsights:Workspace",
    roleAssignment: "azure-native:authorization:RoleAssignment",
    resourceGroup: "azure-native:resources:ResourceGroup",
    stackReference: "pulumi:pulumi:StackReference",
    component: "acme:ml:Storage",
} as const;

const rgName = "rg-ml";
export const armId = (provider: string, name: string) =>
    `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rgName}/providers/${provider}/${name}`;

/** A compliant StorageV2 account (outputs shape: sku.tier is filled in by the provider). */
export function storageAccount(name: string, props: Record<string, unknown> = {}, links = {}): ResourceFixture {
    return resource(
        types.storage,
        name,
        {
            resourceGroupName: rgName,
            accountName: name,
            kind: "StorageV2",
            sku: { name: "Standard_LRS", tier: "Standard" },
            enableHttpsTrafficOnly: true,
            minimumTlsVersion: "TLS1_2",
            allowBlobPublicAccess: false,
            ...props,
        },
        links,
    );
}

/** A workspace using `storage` as default storage (the id is unknown, as in a preview of a new account). */
export function workspace(
    name: string,
    props: Record<string, unknown> = {},
    storage?: ResourceFixture,
    links: { parent?: ResourceFixture; propertyDependencies?: Record<string, ResourceFixture[]> } = {},
): ResourceFixture {
    return resource(
        types.workspace,
        name,
        {
            resourceGroupName: rgName,
            workspaceName: name,
            identity: { type: "SystemAssigned" },
            publicNetworkAccess: "Disabled",
            managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
            ...(storage ? { storageAccount: unknown } : {}),
            ...props,
        },
        {
            parent: links.parent,
            propertyDependencies: { ...(storage ? { storageAccount: [storage] } : {}), ...links.propertyDependencies },
        },
    );
}

export function project(name: string, hub: ResourceFixture, props: Record<string, unknown> = {}): ResourceFixture {
    return resource(
        types.workspace,
        name,
        { resourceGroupName: rgName, kind: "Project", hubResourceId: unknown, identity: { type: "SystemAssigned" }, ...props },
        { propertyDependencies: { hubResourceId: [hub] } },
    );
}
