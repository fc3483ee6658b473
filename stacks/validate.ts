import { findBuiltInRole } from "../components";
import { ConfigIssue, formatIssue, accessKeyModeProblem } from "../components/internal";
import { SHARED_DATA_ROLES, plannedBindings } from "./accessPlan";
import { resourceGroupNameOf, scopeKeys } from "./scopeKeys";
import { LocatedBinding, NAMESPACE, StackConfig, checkBindings, checkCustomRoleKeys, configSchema, defaultStorageProblems } from "./config";
import { parseConfig } from "./configMessages";
import { engineConfigIssues } from "./engineConfig";
import { networkIssues } from "./networkIssues";
import { resourceGroupIssues } from "./sharedNames";
import { generatedNameIssues } from "./generatedNames";
import { azureLimitIssues } from "./azureLimits";
import { aliasIssues } from "./renames";
import { computeIssues } from "./computeChecks";
import { featureStoreIssues } from "./featureStoreConfig";

/**
 * Validates raw stack config (keys without the namespace); returns the typed config or every issue found.
 * `engineConfig` is the whole config as the engine hands it over (`pulumi.runtime.allConfig()`): given, it also
 * checks the provider region and keys under a misspelt namespace, which the program would otherwise never read.
 * `secretKeys` are the keys the engine marks secret (`namespace:key`): only those may carry connection keys.
 */
export function validateConfig(
  raw: Record<string, unknown>,
  engineConfig?: Record<string, string>,
  secretKeys: ReadonlySet<string> = new Set(),
): { config?: StackConfig; issues: ConfigIssue[] } {
  const outside = engineConfig ? engineConfigIssues(engineConfig) : [];
  const parsed = parseConfig(configSchema, raw);
  if (!parsed.value) return { issues: [...outside, ...parsed.issues] };
  const config = parsed.value;
  const duplicates = duplicateNameIssues(config);
  const issues = [
    ...outside,
    ...defaultStorageIssues(config),
    ...exclusiveSharedIssues(config),
    ...duplicates,
    ...aliasIssues(config),
    // A duplicate name already explains the clashes of every name derived from it.
    ...(duplicates.length ? [] : [...resourceGroupIssues(config), ...generatedNameIssues(config)]),
    ...mergedTagIssues(config),
    ...requiredTagIssues(config),
    ...identityIssues(config),
    ...azureLimitIssues(config),
    ...networkIssues(config),
    ...authModeIssues(config),
    ...sharedDataRoleIssues(config),
    ...computeIssues(config, secretKeys),
    ...featureStoreIssues(config),
    ...checkCustomRoleKeys(Object.keys(config.customRoles ?? {})),
    ...checkBindings(locatedBindings(config), config.groups ?? {}, config.customRoles ?? {}),
  ];
  return issues.length ? { issues } : { config, issues };
}

/** One line: `config azure-ml-workspaces:workspaces[0].storage.skuName = "Premium_LRS": <rule>`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const [head, ...rest] = issue.path;
  // Keys of other namespaces (`azure-native:location`) arrive qualified already.
  const qualified = typeof head === "string" && head.includes(":") ? head : `${NAMESPACE}:${String(head ?? "")}`;
  const line = `config ${formatIssue({ ...issue, path: [qualified, ...rest] })}`;
  // A key typed with a line break or another control character must not break or garble the one-line contract.
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point.
  return line.replace(/\r?\n/g, "\\n").replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

type Dedicated = Pick<
  NonNullable<StackConfig["workspaces"]>[number],
  "storage" | "keyVault" | "monitoring" | "containerRegistry" | "sharedResources"
>;

function workspaceLike(config: StackConfig): { path: (string | number)[]; ws: Dedicated }[] {
  return [
    ...(config.workspaces ?? []).map((ws, i) => ({ path: ["workspaces", i], ws })),
    ...(config.hubs ?? []).map((ws, i) => ({ path: ["hubs", i], ws })),
  ];
}

/** Dedicated default storage of workspaces and hubs, and the shared set's storage, which is its consumers' default. */
function defaultStorageIssues(config: StackConfig): ConfigIssue[] {
  const owners = [...workspaceLike(config), ...(config.shared ? [{ path: ["shared"], ws: config.shared as Dedicated }] : [])];
  return owners.flatMap(({ path, ws }) => {
    const storage = ws.storage;
    if (!storage || "existingId" in storage) return [];
    const propertyKey = { sku: "skuName", kind: "kind", isHnsEnabled: "isHnsEnabled" } as const;
    const whose = path[0] === "shared" ? " (the shared storage is the default storage of every workspace on it)" : "";
    return defaultStorageProblems(storage).map((p) => ({
      path: [...path, "storage", propertyKey[p.property]],
      value: p.value,
      rule: p.rule + whose,
    }));
  });
}

function exclusiveSharedIssues(config: StackConfig): ConfigIssue[] {
  return workspaceLike(config).flatMap(({ path, ws }) => {
    if (!ws.sharedResources) return [];
    return (["storage", "keyVault", "monitoring", "containerRegistry"] as const)
      .filter((key) => ws[key] !== undefined)
      .map((key) => ({
        path: [...path, key],
        value: ws[key],
        rule: "cannot be set together with sharedResources (the shared set provides it)",
      }));
  });
}

/** Workspaces, hubs, projects and the shared set share one namespace: each names its resource group and physical names. */
function duplicateNameIssues(config: StackConfig): ConfigIssue[] {
  const seen = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  const visit = (name: string, path: (string | number)[]) => {
    const first = seen.get(name);
    if (first)
      issues.push({
        path: [...path, "name"],
        value: name,
        rule: `duplicate name: already used at ${first}; workspace, hub, project and shared set names must be unique in a stack`,
      });
    else
      seen.set(
        name,
        path
          .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
          .join("")
          .slice(1),
      );
  };
  (config.workspaces ?? []).forEach((ws, i) => visit(ws.name, ["workspaces", i]));
  (config.hubs ?? []).forEach((hub, i) => {
    visit(hub.name, ["hubs", i]);
    (hub.projects ?? []).forEach((p, j) => visit(p.name, ["hubs", i, "projects", j]));
  });
  if (config.shared) visit(config.shared.name, ["shared"]);
  return issues;
}

/** Tags as each resource receives them: stack-wide tags merged under its own (and a project's under its hub's). */
function taggedOwners(config: StackConfig): { path: (string | number)[]; layers: (Record<string, string> | undefined)[] }[] {
  return [
    ...(config.workspaces ?? []).map((ws, i) => ({ path: ["workspaces", i], layers: [config.tags, ws.tags] })),
    ...(config.hubs ?? []).flatMap((hub, i) => [
      { path: ["hubs", i], layers: [config.tags, hub.tags] },
      ...(hub.projects ?? []).map((p, j) => ({ path: ["hubs", i, "projects", j], layers: [config.tags, hub.tags, p.tags] })),
    ]),
  ];
}

/** Limits hold per resource, so they apply after the merge; a name differing only in case would be sent twice. */
function mergedTagIssues(config: StackConfig): ConfigIssue[] {
  return taggedOwners(config).flatMap(({ path, layers }): ConfigIssue[] => {
    const merged = new Map<string, string>();
    for (const layer of layers.slice(0, -1)) for (const key of Object.keys(layer ?? {})) merged.set(key.toLowerCase(), key);
    const own = layers[layers.length - 1] ?? {};
    const clash = Object.keys(own).find((key) => merged.has(key.toLowerCase()) && merged.get(key.toLowerCase()) !== key);
    if (clash) {
      return [
        {
          path: [...path, "tags", clash],
          value: own[clash],
          rule: `tag names ignore case in Azure: "${clash}" clashes with the inherited tag "${merged.get(clash.toLowerCase())}"; spell it the same way`,
        },
      ];
    }
    for (const key of Object.keys(own)) merged.set(key.toLowerCase(), key);
    if (merged.size > 50) {
      return [
        {
          path: [...path, "tags"],
          value: own,
          rule: `with the stack-wide (and hub) tags this resource gets ${merged.size} tags; Azure allows at most 50`,
        },
      ];
    }
    return [];
  });
}

function requiredTagIssues(config: StackConfig): ConfigIssue[] {
  const required = config.requiredTags ?? [];
  if (required.length === 0) return [];
  const check = (tags: Record<string, string> | undefined, path: (string | number)[]) => {
    const merged = { ...config.tags, ...tags };
    return required
      .filter((tag) => !Object.keys(merged).some((k) => k.toLowerCase() === tag.toLowerCase()))
      .map((tag) => ({
        path: [...path, "tags"],
        value: tags ?? {},
        rule: `required tag '${tag}' is missing (set it in tags or in the stack-wide tags)`,
      }));
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
      return [
        {
          path: [...path, "identity", "primaryUserAssignedIdentityId"],
          value: identity.primaryUserAssignedIdentityId,
          rule: "must be one of userAssignedIdentityIds",
        },
      ];
    }
    if (identity.systemAssigned === false && ids.length === 0) {
      return [
        {
          path: [...path, "identity", "systemAssigned"],
          value: false,
          rule: "a workspace needs a managed identity: keep systemAssigned or add userAssignedIdentityIds",
        },
      ];
    }
    return [];
  });
}

/** docs/azure-rules/identity-and-access.md AZ-ACCESS-08: a data role on a whole shared resource is an explicit opt-in. */
function sharedDataRoleIssues(config: StackConfig): ConfigIssue[] {
  return (config.shared?.access ?? []).flatMap((entry, k): ConfigIssue[] => {
    const role = findBuiltInRole(entry.role)?.name;
    if (!role || !SHARED_DATA_ROLES.includes(role) || entry.allWorkspaces) return [];
    const rule = `${role} on the whole shared ${entry.resource} reaches every workspace's data on the set; workspace stacks grant their groups what they need on their own workspace: set allWorkspaces: true to grant it anyway`;
    return [{ path: ["shared", "access", k, "role"], value: entry.role, rule }];
  });
}

/** A dedicated default storage created here has shared keys off unless allowed: `accesskey` cannot work on it. */
function authModeIssues(config: StackConfig): ConfigIssue[] {
  return (config.workspaces ?? []).flatMap((ws, i): ConfigIssue[] => {
    if (ws.sharedResources || (ws.storage && "existingId" in ws.storage)) return []; // checked on the looked-up account
    const problem = accessKeyModeProblem(ws.systemDatastoresAuthMode, ws.storage?.allowSharedKeyAccess ?? false);
    return problem ? [{ path: ["workspaces", i, "systemDatastoresAuthMode"], value: ws.systemDatastoresAuthMode, rule: problem }] : [];
  });
}

export { resourceGroupNameOf, scopeKeys };

/** Every binding the program creates, with its config path and logical scope (the access plan). */
export function locatedBindings(config: StackConfig): LocatedBinding[] {
  return plannedBindings(config);
}
