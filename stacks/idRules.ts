import { ARM_TYPES, ArmTypeKey, GUID_PATTERN, isArmIdOf } from "../components";
import { GUID_TEXT, armIdRule, ARM_NAME_RULES } from "../components/internal";

/**
 * Rules for ARM ids written in the stack config: the message says which part is wrong (subscription, resource
 * group, resource type or the resource's own name), since a bad id otherwise fails only when Azure is asked.
 */

const ID_PARTS = /^\/subscriptions\/([^/]*)\/resourceGroups\/([^/]*)\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i;

/** Any resource id, child resources included (private endpoint targets). */
export const ANY_ARM_ID = new RegExp(
  `^/subscriptions/${GUID_TEXT}/resourceGroups/[-\\w.()]{1,90}/providers/[A-Za-z.]+/[A-Za-z]+/[^/]+(?:/[A-Za-z]+/[^/]+)*$`,
);
export const ANY_ARM_ID_RULE =
  "must be an ARM resource id: /subscriptions/<guid>/resourceGroups/<name>/providers/<namespace>/<type>/<name>";
export const SUBNET_ID = new RegExp(
  `^/subscriptions/${GUID_TEXT}/resourceGroups/[-\\w.()]{1,90}/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$`,
  "i",
);
export const SUBNET_ID_RULE =
  "must be a subnet id: /subscriptions/<guid>/resourceGroups/<name>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>";

export const RESOURCE_GROUP_RULE = "resource group names are 1-90 ASCII letters, digits, _ - . ( ), not ending with '.'";

/** Naming rules of the types the config takes by id, in words. */
const NAME_RULES: Partial<Record<ArmTypeKey, { pattern: RegExp; rule: string }>> = {
  storageAccount: { pattern: ARM_NAME_RULES.storageAccount, rule: "storage account names are 3-24 lowercase letters or digits" },
  keyVault: {
    pattern: ARM_NAME_RULES.keyVault,
    rule: "key vault names are 3-24 letters, digits or single hyphens, starting with a letter, not ending with a hyphen",
  },
  containerRegistry: { pattern: ARM_NAME_RULES.containerRegistry, rule: "registry names are 5-50 letters or digits" },
  logAnalyticsWorkspace: {
    pattern: ARM_NAME_RULES.logAnalytics,
    rule: "Log Analytics names are 4-63 letters, digits or hyphens, starting and ending with a letter or digit",
  },
  applicationInsights: {
    pattern: ARM_NAME_RULES.applicationInsights,
    rule: "Application Insights names are 1-260 characters without % & \\ ? / and not ending with a space or '.'",
  },
  workspace: {
    pattern: ARM_NAME_RULES.workspace,
    rule: "workspace names are 3-33 letters, digits, _ or -, starting with a letter or digit",
  },
};

/** What is wrong with `id` as the id of a `type`, or undefined when it is fine. */
export function armIdProblem(id: string, type: ArmTypeKey): string | undefined {
  const parts = ID_PARTS.exec(id);
  if (!parts) return armIdRule(type);
  const [, subscription, group, provider, resourceType, name] = parts;
  if (!GUID_PATTERN.test(subscription)) return `the subscription "${subscription}" is not a GUID; ${armIdRule(type)}`;
  if (!ARM_NAME_RULES.resourceGroup.test(group)) return `the resource group "${group}" breaks the rule: ${RESOURCE_GROUP_RULE}`;
  if (`${provider}/${resourceType}`.toLowerCase() !== ARM_TYPES[type].toLowerCase()) {
    return `is the id of a ${provider}/${resourceType}, expected a ${ARM_TYPES[type]}`;
  }
  const naming = NAME_RULES[type];
  if (naming && !naming.pattern.test(name)) return `the name "${name}" breaks the rule: ${naming.rule}`;
  // The components parse ids with this; anything it rejects must not pass the config.
  return isArmIdOf(id, type) ? undefined : armIdRule(type);
}
