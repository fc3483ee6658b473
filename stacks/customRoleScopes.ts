import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { locatedBindings, resourceGroupNameOf } from "./validate";

/**
 * The resource groups each custom role is bound in: its narrowest assignable scopes that still work, so defining it
 * needs roleDefinitions/write there rather than on the subscription. docs/azure-rules/privileged-access.md AZ-PRIV-06
 */
export function customRoleResourceGroups(config: StackConfig): Record<string, string[]> {
  const keys = new Set(Object.keys(config.customRoles ?? {}));
  const groups: Record<string, Set<string>> = {};
  for (const { path, binding } of locatedBindings(config)) {
    if (!keys.has(binding.role)) continue;
    const [section, index] = path;
    const owner =
      section === "shared" ? config.shared : section === "hubs" ? config.hubs?.[index as number] : config.workspaces?.[index as number];
    if (owner) (groups[binding.role] ??= new Set()).add(resourceGroupNameOf(owner));
  }
  return Object.fromEntries(Object.entries(groups).map(([key, names]) => [key, [...names].sort()]));
}

/** The same, as assignable scope ids: `scopeOf` turns a resource group name into its (created) group's id. */
export function customRoleScopes(
  config: StackConfig,
  scopeOf: (group: string) => pulumi.Input<string>,
): Record<string, pulumi.Input<string>[]> {
  return Object.fromEntries(Object.entries(customRoleResourceGroups(config)).map(([key, names]) => [key, names.map(scopeOf)]));
}
