import { CLUSTER_DEFAULTS } from "../components/internal";
import { StackConfig } from "./config";
import { ClusterConfig } from "./computeConfig";
import { ComputesConfig, instancesOf } from "./memberInstances";

/**
 * The compute quota a stack asks for, knowable offline: computes per entry (they count against the region's total
 * compute limit), most nodes per cluster, and most nodes per VM size and priority. Cores are not computed: a VM
 * size's vCPUs and family come from Azure's SKU list, which is not read offline. Pure.
 * docs/azure-rules/compute.md AZ-COMPUTE-09
 */

export type Priority = "Dedicated" | "LowPriority";

export interface NodesOfSize {
  vmSize: string;
  priority: Priority;
  /** Most nodes of this size at once; times the size's vCPUs is the cores its VM family's quota must allow. */
  maxNodes: number;
}

export interface ComputeQuota {
  /** Clusters and instances: each counts against the region's total compute limit (an instance as a 1-node cluster). */
  computes: number;
  clusters: { name: string; vmSize: string; priority: Priority; minNodes: number; maxNodes: number }[];
  instances: { name: string; vmSize: string }[];
  /** Most nodes at once by VM size and priority (instances are 1 dedicated node each), sorted. */
  nodesByVmSize: NodesOfSize[];
  /** Most nodes at once: dedicated cores are quota per VM family, low-priority cores one quota across families. */
  maxNodes: { dedicated: number; lowPriority: number };
}

export interface QuotaSummary {
  /** By workspace or hub name; only entries with computes. */
  entries: Record<string, ComputeQuota>;
  /** The whole stack: its entries share the subscription's quota in one region. */
  total: Omit<ComputeQuota, "clusters" | "instances">;
}

function quotaOf(computes: ComputesConfig | undefined): ComputeQuota {
  const clusters = ((Array.isArray(computes?.clusters) ? computes.clusters : []) as ClusterConfig[]).map((c) => ({
    name: c.name,
    vmSize: c.vmSize,
    priority: (c.lowPriority ? "LowPriority" : "Dedicated") as Priority,
    minNodes: c.minNodes ?? CLUSTER_DEFAULTS.minNodes,
    maxNodes: c.maxNodes,
  }));
  const instances = instancesOf(computes, []).map((i) => ({ name: i.config.name, vmSize: i.config.vmSize }));
  const nodes = [...clusters, ...instances.map((i) => ({ ...i, priority: "Dedicated" as Priority, maxNodes: 1 }))];
  return { computes: nodes.length, clusters, instances, ...totals(nodes) };
}

function totals(nodes: NodesOfSize[]): Pick<ComputeQuota, "nodesByVmSize" | "maxNodes"> {
  const bySize = new Map<string, NodesOfSize>();
  for (const n of nodes) {
    // VM size names ignore case in Azure.
    const key = `${n.vmSize.toLowerCase()}|${n.priority}`;
    const seen = bySize.get(key);
    bySize.set(key, { vmSize: seen?.vmSize ?? n.vmSize, priority: n.priority, maxNodes: (seen?.maxNodes ?? 0) + n.maxNodes });
  }
  const sum = (p: Priority) => nodes.filter((n) => n.priority === p).reduce((a, n) => a + n.maxNodes, 0);
  return {
    nodesByVmSize: [...bySize.values()].sort((a, b) => a.vmSize.localeCompare(b.vmSize) || a.priority.localeCompare(b.priority)),
    maxNodes: { dedicated: sum("Dedicated"), lowPriority: sum("LowPriority") },
  };
}

/** The quota summary of a stack, or undefined when it has no computes. */
export function quotaSummary(config: StackConfig): QuotaSummary | undefined {
  const entries: Record<string, ComputeQuota> = {};
  for (const entry of [...(config.workspaces ?? []), ...(config.hubs ?? [])]) {
    const quota = quotaOf(entry.computes);
    if (quota.computes > 0) entries[entry.name] = quota;
  }
  const all = Object.values(entries);
  if (all.length === 0) return undefined;
  const nodes = all.flatMap((q) => q.nodesByVmSize);
  return { entries, total: { computes: all.reduce((a, q) => a + q.computes, 0), ...totals(nodes) } };
}
