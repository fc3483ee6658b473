import type { Policies } from "@pulumi/policy";
import { appInsightsWorkspaceBased } from "./rules/appInsights";
import { computePolicies } from "./rules/compute";
import { defaultStoragePolicies } from "./rules/defaultStorage";
import { keyVaultPolicies } from "./rules/keyVault";
import { networkAccessPolicies } from "./rules/networkAccess";
import { privilegedAccessPolicies } from "./rules/privilegedAccess";
import { statefulProtected } from "./rules/protection";
import { projectNoAssociatedResources } from "./rules/projectResources";
import { registryAdminDisabled } from "./rules/registry";
import { requiredTags } from "./rules/requiredTags";
import { roleAssignmentGroups } from "./rules/roleAssignments";
import { storageBaselinePolicies } from "./rules/storageBaseline";
import { workspaceBaselinePolicies } from "./rules/workspaceBaseline";

/** Every policy of the pack, for index.ts (the only place that builds the PolicyPack) and for tests. */
export * from "./rules/appInsights";
export * from "./rules/compute";
export * from "./rules/defaultStorage";
export * from "./rules/keyVault";
export * from "./rules/networkAccess";
export * from "./rules/privilegedAccess";
export * from "./rules/protection";
export * from "./rules/projectResources";
export * from "./rules/registry";
export * from "./rules/requiredTags";
export * from "./rules/roleAssignments";
export * from "./rules/storageBaseline";
export * from "./rules/workspaceBaseline";

export const packName = "azure-ml-workspaces";

export const allPolicies: Policies = [
    ...defaultStoragePolicies,
    projectNoAssociatedResources,
    ...storageBaselinePolicies,
    ...keyVaultPolicies,
    registryAdminDisabled,
    appInsightsWorkspaceBased,
    ...workspaceBaselinePolicies,
    ...networkAccessPolicies,
    roleAssignmentGroups,
    requiredTags,
    ...privilegedAccessPolicies,
    statefulProtected,
    ...computePolicies,
];
