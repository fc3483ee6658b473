/**
 * Generated stack configs for the benchmark: N workspaces (alternately on dedicated resources and on a shared set
 * given by `sharedResources.ids`, so no StackReference is needed) and one hub with N projects, plus the three
 * minimal stacks whose dependency chains the critical-path report measures. Pure: returns config objects and YAML.
 */
import { stringify } from "yaml";

/** Raw config under the `azure-ml-workspaces:` namespace, keys without it (what `validateConfig` takes). */
export type RawStackConfig = Record<string, unknown>;

import { NAMESPACE } from "../../stacks/namespace";

export { NAMESPACE };

export const BENCH_LOCATION = "westeurope";
const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
const SHARED_GROUP = "rg-bench-shared";
const armId = (provider: string, type: string, name: string) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/${SHARED_GROUP}/providers/${provider}/${type}/${name}`;

/** A precreated shared set, as an IT admin's `shared` stack would export it. */
export const SHARED_IDS = {
  storageAccount: armId("Microsoft.Storage", "storageAccounts", "stbenchshared"),
  keyVault: armId("Microsoft.KeyVault", "vaults", "kv-bench-shared"),
  applicationInsights: armId("Microsoft.Insights", "components", "appi-bench-shared"),
  containerRegistry: armId("Microsoft.ContainerRegistry", "registries", "crbenchshared"),
  logAnalyticsWorkspace: armId("Microsoft.OperationalInsights", "workspaces", "log-bench-shared"),
};

const GROUP = "bench-users";
const common = (): RawStackConfig => ({
  tags: { costCenter: "4711", owner: "bench@contoso.com" },
  requiredTags: ["costCenter", "owner"],
  groups: { [GROUP]: { displayName: "ml-bench-users" } },
});

const pad = (i: number) => String(i).padStart(3, "0");

/** Workspace i of a generated stack: even ones on dedicated resources, odd ones on the shared set. */
export function benchWorkspace(i: number, kind: "dedicated" | "shared" = i % 2 === 0 ? "dedicated" : "shared"): Record<string, unknown> {
  return {
    name: `ws-${pad(i)}`,
    ...(kind === "shared" ? { sharedResources: { ids: SHARED_IDS } } : {}),
    access: [{ group: GROUP, role: "AzureML Data Scientist" }],
  };
}

/** A hub on dedicated resources with `projects` projects, each bound to the group. */
export function benchHub(projects: number): Record<string, unknown> {
  return {
    name: "hub",
    access: [{ group: GROUP, role: "Azure AI Administrator" }],
    projects: Array.from({ length: projects }, (_, j) => ({
      name: `prj-${pad(j)}`,
      access: [{ group: GROUP, role: "Azure AI Developer" }],
    })),
  };
}

/** The scaling case: `n` workspaces (half dedicated, half shared) and a hub with `n` projects. */
export function scalingConfig(n: number): RawStackConfig {
  if (!Number.isInteger(n) || n < 1) throw new Error(`workspaces = ${n}: must be a whole number of at least 1`);
  return {
    ...common(),
    workspaces: Array.from({ length: n }, (_, i) => benchWorkspace(i)),
    hubs: [benchHub(n)],
  };
}

/** The three shapes whose longest dependency chain is reported. */
export const CRITICAL_PATH_CASES = ["dedicated", "shared", "hubProject"] as const;
export type CriticalPathCase = (typeof CRITICAL_PATH_CASES)[number];

export function criticalPathConfig(shape: CriticalPathCase): RawStackConfig {
  if (shape === "hubProject") return { ...common(), hubs: [benchHub(1)] };
  return { ...common(), workspaces: [benchWorkspace(0, shape)] };
}

/** `Pulumi.<stack>.yaml` text for a raw config: namespaced keys, structured values as YAML. */
export function stackFileYaml(config: RawStackConfig, location = BENCH_LOCATION): string {
  const namespaced: Record<string, unknown> = { "azure-native:location": location };
  for (const [key, value] of Object.entries(config)) namespaced[`${NAMESPACE}:${key}`] = value;
  // Workspaces share one `ids` object: written out each time, never as YAML anchors and aliases.
  return stringify({ config: namespaced }, { aliasDuplicateObjects: false });
}

/** Stack names of the generated project. */
export const scalingStackName = (n: number) => `bench-${n}`;
export const criticalPathStackName = (shape: CriticalPathCase) => `path-${shape.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
