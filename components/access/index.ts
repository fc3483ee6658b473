/**
 * Entra groups, custom roles and role bindings, with the pure helpers behind them. Listed one by one: the config
 * schemas (zod) stay internal so the public declarations do not expose zod's types.
 */
export {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_NAMES,
  GUID_PATTERN,
  findBuiltInRole,
  roleDefinitionId,
  subscriptionScope,
  suggestBuiltInRole,
  type BuiltInRoleName,
} from "./roleCatalog";
export {
  ACCESS_NAME_NAMESPACE,
  customRoleDefinitionName,
  roleAssignmentName,
  type CustomRoleDefinitionNameInput,
  type RoleAssignmentNameInput,
} from "./assignmentNames";
export {
  checkBindingReferences,
  checkBindings,
  checkCustomRoleKeys,
  formatIssue,
  formatPath,
  resolveRole,
  type BindingSpec,
  type ConfigIssue,
  type CustomRoleSpec,
  type GroupSpec,
  type LocatedBinding,
  type ResolvedRole,
} from "./accessModel";
export { ENTRA_GROUPS_TYPE, EntraGroups, describeGroupLookup, lookUpGroupObjectId, type EntraGroupsArgs } from "./entraGroups";
export { CUSTOM_ROLES_TYPE, CustomRoles, type CustomRolesArgs } from "./customRoles";
export { ROLE_BINDINGS_TYPE, RoleBindings, bindingHash, type RoleBinding, type RoleBindingsArgs } from "./roleBindings";
