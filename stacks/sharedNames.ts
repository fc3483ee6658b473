import { ConfigIssue, formatPath } from "../components/access/accessModel";
import * as naming from "../components/naming";
import { StackConfig } from "./config";
import { azureNameOf } from "./renames";

/**
 * Names that several config entries can end up sharing although their logical names differ: resource groups (given
 * explicitly) and the globally unique storage, key vault and registry names. Azure would refuse the second creation
 * halfway through a deployment; here it is one line before anything starts.
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
    group: owner.resourceGroup?.name ?? naming.resourceGroupName(azureNameOf(owner)),
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

/** Globally unique names this stack would create, with the config path that causes each. */
function createdGlobalNames(config: StackConfig, suffix: string) {
  const names: { path: (string | number)[]; kind: string; name: string }[] = [];
  const dedicated = [
    ...(config.workspaces ?? []).map((ws, i) => ({ path: ["workspaces", i] as (string | number)[], ws })),
    ...(config.hubs ?? []).map((ws, i) => ({ path: ["hubs", i] as (string | number)[], ws })),
  ].filter(({ ws }) => !ws.sharedResources);
  for (const { path, ws } of dedicated) {
    const created = (choice: unknown) =>
      choice === undefined || (typeof choice === "object" && choice !== null && !("existingId" in choice));
    if (created(ws.storage)) names.push({ path, kind: "storage account", name: naming.storageAccountName(azureNameOf(ws), suffix) });
    if (created(ws.keyVault)) names.push({ path, kind: "key vault", name: naming.keyVaultName(azureNameOf(ws), suffix) });
    if (ws.containerRegistry !== false && created(ws.containerRegistry)) {
      names.push({ path, kind: "container registry", name: naming.containerRegistryName(azureNameOf(ws), suffix) });
    }
  }
  (config.workspaces ?? []).forEach((ws, i) =>
    (ws.datastores ?? []).forEach((ds, j) => {
      // Mirrors components/datastores.ts, which names a created account after the workspace and the datastore.
      if (ds.create)
        names.push({
          path: ["workspaces", i, "datastores", j],
          kind: "storage account",
          name: naming.storageAccountName(`${azureNameOf(ws)}${ds.name}`.toLowerCase(), suffix),
        });
    }),
  );
  if (config.shared) {
    const shared = azureNameOf(config.shared);
    names.push({ path: ["shared"], kind: "storage account", name: naming.storageAccountName(shared, suffix) });
    names.push({ path: ["shared"], kind: "key vault", name: naming.keyVaultName(shared, suffix) });
    names.push({ path: ["shared"], kind: "container registry", name: naming.containerRegistryName(shared, suffix) });
  }
  return names;
}

export function physicalNameIssues(config: StackConfig): ConfigIssue[] {
  // Every generated name of a stack carries the same suffix, so a clash does not depend on its value.
  const suffix = naming.stackSuffix(config.nameSeed ?? "");
  const seen = new Map<string, (string | number)[]>();
  const issues: ConfigIssue[] = [];
  for (const { path, kind, name } of createdGlobalNames(config, suffix)) {
    const key = `${kind}/${name}`;
    const first = seen.get(key);
    if (first) {
      const rule = `its ${kind} would get the same Azure name as the one of ${formatPath(first)} (names are global); rename one of them`;
      issues.push({ path: [...path, "name"], value: valueName(config, path), rule });
    } else {
      seen.set(key, path);
    }
  }
  return issues;
}

function valueName(config: StackConfig, path: (string | number)[]): unknown {
  let current: unknown = config;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return (current as { name?: string }).name;
}
