import { ConfigIssue, formatIssue, parseWithIssues } from "../components/access/accessModel";
import * as naming from "../components/naming";
import {
  LocatedBinding, NAMESPACE, StackConfig, checkBindings, checkCustomRoleKeys, configSchema, defaultStorageProblems,
} from "./config";

/** Validates raw stack config (keys without the namespace); returns the typed config or every issue found. */
export function validateConfig(raw: Record<string, unknown>): { config?: StackConfig; issues: ConfigIssue[] } {
  const parsed = parseWithIssues(configSchema, raw);
  if (!parsed.value) return { issues: parsed.issues };
  const config = parsed.value;
  const issues = [
    ...defaultStorageIssues(config),
    ...exclusiveSharedIssues(config),
    ...duplicateNameIssues(config),
    ...requiredTagIssues(config),
    ...identityIssues(config),
    ...checkCustomRoleKeys(Object.keys(config.customRoles ?? {})),
    ...checkBindings(locatedBindings(config), config.groups ?? {}, config.customRoles ?? {}),
  ];
  return issues.length ? { issues } : { config, issues };
}

/** One line: `config azure-ml-workspaces:workspaces[0].storage.skuName = "Premium_LRS": <rule>`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const [head, ...rest] = issue.path;
  return `config ${formatIssue({ ...issue, path: [`${NAMESPACE}:${String(head ?? "")}`, ...rest] })}`;
}

type Dedicated = Pick<NonNullable<StackConfig["workspaces"]>[number], "storage" | "keyVault" | "monitoring" | "containerRegistry" | "sharedResources">;

function workspaceLike(config: StackConfig): { path: (string | number)[]; ws: Dedicated }[] {
  return [
    ...(config.workspaces ?? []).map((ws, i) => ({ path: ["workspaces", i], ws })),
    ...(config.hubs ?? []).map((ws, i) => ({ path: ["hubs", i], ws })),
  ];
}

function defaultStorageIssues(config: StackConfig): ConfigIssue[] {
  return workspaceLike(config).flatMap(({ path, ws }) => {
    const storage = ws.storage;
    if (!storage || "existingId" in storage) return [];
    const propertyKey = { sku: "skuName", kind: "kind", isHnsEnabled: "isHnsEnabled" } as const;
    return defaultStorageProblems(storage).map((p) => ({ path: [...path, "storage", propertyKey[p.property]], value: p.value, rule: p.rule }));
  });
}

function exclusiveSharedIssues(config: StackConfig): ConfigIssue[] {
  return workspaceLike(config).flatMap(({ path, ws }) => {
    if (!ws.sharedResources) return [];
    return (["storage", "keyVault", "monitoring", "containerRegistry"] as const)
      .filter((key) => ws[key] !== undefined)
      .map((key) => ({ path: [...path, key], value: ws[key], rule: "cannot be set together with sharedResources (the shared set provides it)" }));
  });
}

/** Workspaces, hubs and projects share one namespace: each names its resource group and physical names. */
function duplicateNameIssues(config: StackConfig): ConfigIssue[] {
  const seen = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  const visit = (name: string, path: (string | number)[]) => {
    const first = seen.get(name);
    if (first) issues.push({ path: [...path, "name"], value: name, rule: `duplicate name: already used at ${first}; workspace, hub and project names must be unique in a stack` });
    else seen.set(name, path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").slice(1));
  };
  (config.workspaces ?? []).forEach((ws, i) => visit(ws.name, ["workspaces", i]));
  (config.hubs ?? []).forEach((hub, i) => {
    visit(hub.name, ["hubs", i]);
    (hub.projects ?? []).forEach((p, j) => visit(p.name, ["hubs", i, "projects", j]));
  });
  return issues;
}

function requiredTagIssues(config: StackConfig): ConfigIssue[] {
  const required = config.requiredTags ?? [];
  if (required.length === 0) return [];
  const check = (tags: Record<string, string> | undefined, path: (string | number)[]) => {
    const merged = { ...config.tags, ...tags };
    return required
      .filter((tag) => !Object.keys(merged).some((k) => k.toLowerCase() === tag.toLowerCase()))
      .map((tag) => ({ path: [...path, "tags"], value: tags ?? {}, rule: `required tag '${tag}' is missing (set it in tags or in the stack-wide tags)` }));
  };
  return [
    ...(config.workspaces ?? []).flatMap((ws, i) => check(ws.tags, ["workspaces", i])),
    ...(config.hubs ?? []).flatMap((hub, i) => [
      ...check(hub.tags, ["hubs", i]),
      ...(hub.projects ?? []).flatMap((p, j) => check({ ...hub.tags, ...p.tags }, ["hubs", i, "projects", j])),
    ]),
    ...(config.shared ? check(undefined, ["shared"]) : []),
  ];
}

function identityIssues(config: StackConfig): ConfigIssue[] {
  const all = [
    ...(config.workspaces ?? []).map((ws, i) => ({ identity: ws.identity, path: ["workspaces", i] })),
    ...(config.hubs ?? []).flatMap((hub, i) => [
      { identity: hub.identity, path: ["hubs", i] },
      ...(hub.projects ?? []).map((p, j) => ({ identity: p.identity, path: ["hubs", i, "projects", j] })),
    ]),
  ];
  return all.flatMap(({ identity, path }): ConfigIssue[] => {
    if (!identity) return [];
    const ids = identity.userAssignedIdentityIds ?? [];
    if (identity.primaryUserAssignedIdentityId && !ids.includes(identity.primaryUserAssignedIdentityId)) {
      return [{ path: [...path, "identity", "primaryUserAssignedIdentityId"], value: identity.primaryUserAssignedIdentityId, rule: "must be one of userAssignedIdentityIds" }];
    }
    if (identity.systemAssigned === false && ids.length === 0) {
      return [{ path: [...path, "identity", "systemAssigned"], value: false, rule: "a workspace needs a managed identity: keep systemAssigned or add userAssignedIdentityIds" }];
    }
    return [];
  });
}

/** Logical scope keys name role assignments: they must never change while the scope exists. */
export const scopeKeys = {
  workspace: (name: string) => `workspace/${name}`,
  hub: (name: string) => `hub/${name}`,
  project: (hub: string, name: string) => `project/${hub}/${name}`,
  resourceGroup: (name: string) => `resourceGroup/${name}`,
  shared: (resource: string) => `shared/${resource}`,
};

/** The resource group a workspace or hub lives in: scope keys use it, so two workspaces in one group share it. */
export function resourceGroupNameOf(ws: { name: string; resourceGroup?: { name: string } }): string {
  return ws.resourceGroup?.name ?? naming.resourceGroupName(ws.name);
}

/** Every binding in the config with its config path and logical scope. */
export function locatedBindings(config: StackConfig): LocatedBinding[] {
  const forEntries = (access: { group: string; role: string; scope?: string }[] | undefined, base: (string | number)[], scopeKey: string, rgName: string) =>
    (access ?? []).map((entry, k) => ({
      path: [...base, "access", k],
      scopeKey: entry.scope === "resourceGroup" ? scopeKeys.resourceGroup(rgName) : scopeKey,
      binding: { group: entry.group, role: entry.role },
    }));
  return [
    ...(config.workspaces ?? []).flatMap((ws, i) => forEntries(ws.access, ["workspaces", i], scopeKeys.workspace(ws.name), resourceGroupNameOf(ws))),
    ...(config.hubs ?? []).flatMap((hub, i) => [
      ...forEntries(hub.access, ["hubs", i], scopeKeys.hub(hub.name), resourceGroupNameOf(hub)),
      ...(hub.projects ?? []).flatMap((p, j) => forEntries(p.access, ["hubs", i, "projects", j], scopeKeys.project(hub.name, p.name), resourceGroupNameOf(hub))),
    ]),
    ...(config.shared?.access ?? []).map((entry, k) => ({
      path: ["shared", "access", k],
      scopeKey: scopeKeys.shared(entry.resource),
      binding: { group: entry.group, role: entry.role },
    })),
  ];
}
