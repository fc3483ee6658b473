import { naming } from "../components";
import { ConfigIssue, formatPath } from "../components/internal";
import { StackConfig } from "./config";

/**
 * Resource groups (given explicitly) that several config entries share. Azure would refuse the second creation halfway
 * through a deployment; here it is one line before anything starts. Generated names: `generatedNames.ts`.
 */

/** The resource group each workspace, hub and the shared set lives in, and whether this stack creates it. */
function resourceGroupOwners(config: StackConfig) {
  const owners = [
    ...(config.workspaces ?? []).map((ws, i) => ({ path: ["workspaces", i] as (string | number)[], owner: ws })),
    ...(config.hubs ?? []).map((hub, i) => ({ path: ["hubs", i] as (string | number)[], owner: hub })),
    ...(config.shared ? [{ path: ["shared"] as (string | number)[], owner: config.shared }] : []),
  ];
  return owners.map(({ path, owner }) => ({
    path,
    group: owner.resourceGroup?.name ?? naming.resourceGroupName(owner.name),
    creates: owner.resourceGroup?.existing !== true,
  }));
}

/**
 * A stack creates each resource group once. Several entries may share a group only if none creates it: with
 * `existing: true` next to the one that creates it, nothing orders the creation before its use.
 */
export function resourceGroupIssues(config: StackConfig): ConfigIssue[] {
  const owners = resourceGroupOwners(config);
  const creators = new Map<string, (string | number)[]>();
  for (const { path, group, creates } of owners) if (creates && !creators.has(group.toLowerCase())) creators.set(group.toLowerCase(), path);
  return owners.flatMap(({ path, group, creates }): ConfigIssue[] => {
    const creator = creators.get(group.toLowerCase());
    if (!creator || creator === path) return [];
    const rule = creates
      ? `resource group "${group}" is already created for ${formatPath(creator)}; give each its own group, or create the group outside this stack and set existing: true on both`
      : `resource group "${group}" is created in this same stack for ${formatPath(creator)}, and nothing orders that before this use; give each its own group`;
    return [{ path: [...path, "resourceGroup"], value: group, rule }];
  });
}
