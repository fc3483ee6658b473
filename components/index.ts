/**
 * The package's public API (`import { Workspace } from "azure-ml-workspaces"`): the components, their Args and the
 * settings types those Args use, plus the pure helpers a custom program needs (names, default-storage rules).
 * Builders behind the components (`workspaceCore`, `storageLookup`) stay internal.
 */
export { Workspace, type WorkspaceArgs } from "./workspace";
export { Hub, type HubArgs } from "./hub";
export { Project, type ProjectArgs, PROJECT_FORBIDDEN_KEYS } from "./project";
export { SharedResources, type SharedResourcesArgs } from "./sharedResources";
export {
  AssociatedResources,
  type AssociatedResourcesArgs,
  type Existing,
  type ExistingMonitoring,
  type KeyVaultSettings,
  type MonitoringSettings,
  type RegistrySettings,
  type StorageSettings,
} from "./associatedResources";
export { Datastores, type DatastoreSpec, type DatastoresArgs } from "./datastores";
export type { SharedResourceIds, WorkspaceCoreArgs } from "./workspaceCore";
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
export { UNSUPPORTED_DEFAULT_STORAGE_KINDS, defaultStorageProblems, type DefaultStorageProblem, type StorageShape } from "./defaultStorage";
export { ARM_TYPES, isArmIdOf, parseArmId, type ArmId, type ArmTypeKey } from "./armId";
export * as naming from "./naming";
export * from "./access";
export * from "./cost";
