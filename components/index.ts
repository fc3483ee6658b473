/**
 * The package's public API (`import { Workspace } from "azure-ml-workspaces"`), listed name by name: the components,
 * their Args and the settings types those Args use, plus the pure helpers a custom program needs (names, ARM ids,
 * default-storage rules, built-in roles, idle costs). Config schemas (zod), config-issue checks, KQL query builders
 * and the builders behind the components stay internal (`./internal.ts` lists what this repository's program uses).
 */
import * as naming from "./naming";

// Workspaces, hubs, projects and what they are built on.
export { Workspace, type WorkspaceArgs } from "./workspace";
export { Hub, type HubArgs } from "./hub";
export { Project, type ProjectArgs, PROJECT_FORBIDDEN_KEYS } from "./project";
export { SharedResources, type SharedResourcesArgs } from "./sharedResources";
export { AssociatedResources, type AssociatedResourcesArgs } from "./associatedResources";
export type {
  Existing,
  ExistingMonitoring,
  KeyVaultSettings,
  MonitoringSettings,
  RegistrySettings,
  SharedResourceIds,
  StorageSettings,
} from "./associatedSettings";
export type { StorageAccountChoice } from "./storageSecurity";
export { Datastores, type DatastoreSpec, type DatastoresArgs } from "./datastores";
export { Computes, type ClusterArgs, type ComputesArgs, type InstanceArgs, type ServerlessComputeArgs } from "./computes";
export { Connections, type ConnectionArgs, type ConnectionsArgs } from "./connections";
export type { WorkspaceCoreArgs } from "./workspaceCore";
export {
  ISOLATION_MODES,
  WORKSPACE_SKUS,
  type BaseWorkspaceArgs,
  type IdentityArgs,
  type IsolationMode,
  type ManagedNetworkArgs,
  type OutboundRule,
  type WorkspaceSku,
} from "./workspaceSettings";
export type { EncryptionArgs } from "./encryption";
export type { FeatureStoreArgs } from "./featureStore";
export type { InboundEndpointArgs } from "./network/inbound";
export type { BlobProtectionSettings } from "./blobProtection";

// Pure helpers.
export { naming };
export { UNSUPPORTED_DEFAULT_STORAGE_KINDS, defaultStorageProblems, type DefaultStorageProblem, type StorageShape } from "./defaultStorage";
export { ARM_TYPES, GUID_PATTERN, isArmIdOf, parseArmId, resourceGroupId, type ArmId, type ArmTypeKey } from "./armId";

// Access: Entra groups, custom roles and role bindings.
export { EntraGroups, type EntraGroupsArgs } from "./access/entraGroups";
export { CustomRoles, type CustomRolesArgs } from "./access/customRoles";
export { RoleBindings, type RoleBinding, type RoleBindingsArgs } from "./access/roleBindings";
export type { BindingSpec, CustomRoleSpec, GroupSpec } from "./access/accessModel";
export {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_NAMES,
  findBuiltInRole,
  roleDefinitionId,
  subscriptionScope,
  suggestBuiltInRole,
  type BuiltInRoleName,
} from "./access/roleCatalog";
export {
  customRoleDefinitionName,
  roleAssignmentName,
  type CustomRoleDefinitionNameInput,
  type RoleAssignmentNameInput,
} from "./access/assignmentNames";

// Cost: budgets, the usage workbook and idle-cost estimates.
export { WorkspaceBudget, type WorkspaceBudgetArgs } from "./cost/budget";
export {
  BUDGET_TIME_GRAINS,
  DEFAULT_ACTUAL_THRESHOLDS,
  DEFAULT_FORECAST_THRESHOLDS,
  budgetIssues,
  type BudgetRuleInput,
  type BudgetTimeGrain,
} from "./cost/budgetRules";
export { UsageWorkbook, type UsageWorkbookArgs } from "./cost/usageWorkbook";
export {
  PRICING_PAGES,
  idleCosts,
  type ChargeBasis,
  type IdleCostItem,
  type IdleCostReport,
  type IdleResource,
  type Ownership,
  type RegistrySku,
  type WorkspaceFootprint,
} from "./cost/idleCost";
export { footprintFromSettings, type WorkspaceCostSettings } from "./cost/footprint";
