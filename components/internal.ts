/**
 * What this repository's config-driven program (`stacks/`) uses of the components beyond the public API
 * (`./index.ts`): config schemas (zod), config-issue checks, and the rules behind the components that validation
 * checks before anything is registered. Not part of the package: the build compiles `index.ts` only.
 */
export { ARM_NAME_RULES, LOGICAL_NAME, LOGICAL_NAME_RULE } from "./naming";
export { GUID_TEXT, armIdRule } from "./armId";
export { firstLine, formatIssue, formatPath, moreIssues, parseJsonOrString, parseWithIssues, type ConfigIssue } from "./configIssues";
export {
  bindingSpecSchema,
  checkBindings,
  checkCustomRoleKeys,
  customRoleSpecSchema,
  groupSpecSchema,
  type LocatedBinding,
} from "./access/accessModel";
export { accessKeyModeProblem } from "./authMode";
export { verifyDefaultStorageAccount } from "./storageLookup";
export { BLOB_PROTECTION_DEFAULTS, RETENTION_DAYS, VERSIONING_HNS_RULE } from "./blobProtection";
export {
  CLUSTER_DEFAULTS,
  COMPUTE_NAME_RULE,
  CONNECTION_CATEGORIES,
  CONNECTION_NAME,
  CONNECTION_NAME_RULE,
  CONNECTION_TARGET_ROLES,
  CONNECTION_TARGET_TYPES,
  DURATION_RULE,
  INSTANCE_DEFAULTS,
  MEMBER_INSTANCE_PREFIX,
  MEMBER_INSTANCE_PREFIX_RULE,
  durationSeconds,
  idleShutdownProblem,
  isComputeName,
  memberInstanceName,
  nodePublicIpProblem,
} from "./computeRules";
export { MAX_IP_RULES, ipAllowlistCommands, ipRuleProblem } from "./network/ipAllowlist";
export { primaryPrincipalId } from "./identityGrants";
export {
  PRIVATE_LINK,
  PRIVATE_LINK_REGISTRY_SKU,
  requiredOutboundRules,
  ruleTypeProblem,
  type RequiredOutboundRule,
} from "./network/privateLink";
export { budgetConfigSchema } from "./cost/budgetRules";
export { computeIdleItems, type ComputeCostSettings } from "./cost/computeIdleCost";
