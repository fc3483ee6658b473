import { naming } from "../components";
import { ConfigIssue, formatPath } from "../components/internal";
import { StackConfig } from "./config";
import { resourceGroupNameOf } from "./scopeKeys";
import { azureNameOf } from "./renames";
import { ComputesConfig, instancesOf } from "./memberInstances";

/**
 * Every Azure name the program generates, with the scope in which Azure needs it unique and the config entry whose
 * logical name it derives from: one list for the uniqueness and the reserved-word checks. Shortened names carry a
 * hash, yet a short logical name can still equal another's shortened form. docs/azure-rules/naming-and-regions.md
 * AZ-NAME-02, AZ-NAME-03
 */

type Path = (string | number)[];
interface Owner {
  path: Path;
  logical: string;
  /** The config path a clash names. Defaults to the entry's `name`. */
  namePath?: Path;
}
type Entry = naming.ScopedName<Owner>;

const GLOBAL = "global (every Azure customer)";
const inGroup = (group: string) => `resource group "${group}"`;

/** Whether a dedicated-resource choice creates a resource (not `{ existingId }`, not `false`). */
const creates = (choice: unknown) => choice === undefined || (typeof choice === "object" && choice !== null && !("existingId" in choice));
const createsMonitoring = (choice: unknown) =>
  choice === undefined || (typeof choice === "object" && choice !== null && !("existingApplicationInsightsId" in choice));

function associatedNames(
  owner: Owner,
  group: string,
  suffix: string,
  ws: { storage?: unknown; keyVault?: unknown; containerRegistry?: unknown; monitoring?: unknown },
): Entry[] {
  const names: Entry[] = [];
  const add = (kind: string, scope: string, name: string) => names.push({ kind, scope, name, ignoreCase: true, owner });
  if (creates(ws.storage)) add("storage account", GLOBAL, naming.storageAccountName(owner.logical, suffix));
  if (creates(ws.keyVault)) add("key vault", GLOBAL, naming.keyVaultName(owner.logical, suffix));
  if (ws.containerRegistry !== false && creates(ws.containerRegistry))
    add("container registry", GLOBAL, naming.containerRegistryName(owner.logical, suffix));
  if (createsMonitoring(ws.monitoring)) {
    add("Log Analytics workspace", inGroup(group), naming.logAnalyticsName(owner.logical, suffix));
    add("Application Insights component", inGroup(group), naming.applicationInsightsName(owner.logical, suffix));
  }
  return names;
}

/**
 * docs/azure-rules/compute.md AZ-COMPUTE-01: compute names (given, or derived per member: AZ-COMPUTE-08) are unique
 * among a region's computes.
 */
function computeNames(path: Path, computes: ComputesConfig | undefined): Entry[] {
  const clusters = (Array.isArray(computes?.clusters) ? computes.clusters : []) as { name: string }[];
  const entry = (name: string, owner: Owner): Entry => ({ kind: "compute", scope: "the stack's region", name, ignoreCase: true, owner });
  return [
    ...clusters.map((c, j) => entry(c.name, { path: [...path, "computes", "clusters", j], logical: c.name })),
    ...instancesOf(computes, path).map((i) => entry(i.config.name, { path: i.path, logical: i.config.name, namePath: i.namePath })),
  ];
}

/** The generated names of a stack (`suffix` is the per-stack suffix; clashes do not depend on its value). */
export function generatedNames(config: StackConfig, suffix: string): Entry[] {
  const names: Entry[] = [];
  const workspace = (owner: Owner, group: string, prefix: string) =>
    names.push({
      kind: "ML workspace",
      scope: inGroup(group),
      name: naming.workspaceName(owner.logical, suffix, prefix),
      ignoreCase: true,
      owner,
    });
  const budget = (owner: Owner, group: string) =>
    names.push({ kind: "budget", scope: inGroup(group), name: naming.budgetName(owner.logical), ignoreCase: true, owner });
  (config.workspaces ?? []).forEach((ws, i) => {
    const owner = { path: ["workspaces", i], logical: azureNameOf(ws) };
    const group = resourceGroupNameOf(ws);
    workspace(owner, group, "mlw");
    names.push(...computeNames(owner.path, ws.computes));
    if (ws.budget) budget(owner, group);
    if (!ws.sharedResources) names.push(...associatedNames(owner, group, suffix, ws));
    (ws.datastores ?? []).forEach((ds, j) => {
      // Mirrors components/datastores.ts, which names a created account after the workspace and the datastore.
      if (!ds.create) return;
      const logical = `${azureNameOf(ws)}${ds.name}`.toLowerCase();
      const dsOwner = { path: ["workspaces", i, "datastores", j], logical: ds.name };
      names.push({
        kind: "storage account",
        scope: GLOBAL,
        name: naming.storageAccountName(logical, suffix),
        ignoreCase: true,
        owner: dsOwner,
      });
    });
  });
  (config.hubs ?? []).forEach((hub, i) => {
    const owner = { path: ["hubs", i], logical: azureNameOf(hub) };
    const group = resourceGroupNameOf(hub);
    workspace(owner, group, "hub");
    names.push(...computeNames(owner.path, hub.computes));
    if (hub.budget) budget(owner, group);
    if (!hub.sharedResources) names.push(...associatedNames(owner, group, suffix, hub));
    (hub.projects ?? []).forEach((project, j) =>
      workspace({ path: ["hubs", i, "projects", j], logical: azureNameOf(project) }, group, "prj"),
    );
  });
  if (config.shared) {
    const owner = { path: ["shared"], logical: azureNameOf(config.shared) };
    names.push(...associatedNames(owner, resourceGroupNameOf(config.shared), suffix, {}));
  }
  return names;
}

/** Two generated names that Azure would see as one, and generated names containing a reserved word. */
export function generatedNameIssues(config: StackConfig): ConfigIssue[] {
  // Every generated name of a stack carries the same suffix, so neither check depends on its value.
  const names = generatedNames(config, naming.stackSuffix(config.nameSeed ?? ""));
  const clashes = naming.nameClashes(names).map(({ first, again }) => ({
    path: again.owner.namePath ?? [...again.owner.path, "name"],
    value: again.owner.logical,
    rule: `its ${again.kind} would get the same Azure name as the one of ${formatPath(first.owner.path)} (names are unique in ${again.scope}); rename one of them`,
  }));
  const reserved = names.flatMap(({ owner, kind, name }): ConfigIssue[] => {
    const found = naming.reservedWord(name);
    if (!found) return [];
    const rule = `its ${kind} name would contain "${found.word}", a word Azure reserves ${found.where} (ReservedResourceName); choose another name`;
    return [{ path: owner.namePath ?? [...owner.path, "name"], value: owner.logical, rule }];
  });
  return [...clashes, ...dedupe(reserved)];
}

/** One reserved-word issue per config entry: every name derived from it repeats the word. */
function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = formatPath(issue.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
