/**
 * What a workspace's computes bill while nobody runs anything, and the quota they draw on. Pure: the compute
 * settings in, idle-cost items out (`idleCosts` lists the associated resources).
 */
import { CLUSTER_DEFAULTS, INSTANCE_DEFAULTS } from "../computeRules";
import { IdleCostItem, PRICING_PAGES } from "./idleCost";

export interface ComputeCostSettings {
  readonly clusters?: readonly {
    name: string;
    vmSize: string;
    maxNodes: number;
    minNodes?: number;
    idleTimeBeforeScaleDown?: string;
    lowPriority?: boolean;
  }[];
  readonly instances?: readonly { name: string; vmSize: string; idleTimeBeforeShutdown?: string | false }[];
}

// docs/azure-rules/compute.md AZ-COMPUTE-02: the cores a cluster may use count against its VM family's regional quota.
const quota = (nodes: number, vmSize: string, lowPriority?: boolean) =>
  `up to ${nodes} × ${vmSize} node${nodes === 1 ? "" : "s"} draw on the region's ${lowPriority ? "low-priority" : "dedicated"} core quota for that VM family`;

export function computeIdleItems(computes: ComputeCostSettings | undefined): IdleCostItem[] {
  const clusters = (computes?.clusters ?? []).map((c): IdleCostItem => {
    const min = c.minNodes ?? CLUSTER_DEFAULTS.minNodes;
    const idle = c.idleTimeBeforeScaleDown ?? CLUSTER_DEFAULTS.idleTimeBeforeScaleDown;
    const note =
      min === 0
        ? `cluster ${c.name} scales to 0 nodes ${idle} after the last job: nothing bills while idle`
        : `cluster ${c.name} keeps ${min} × ${c.vmSize} running, billed, while idle (allowIdleNodes)`;
    return {
      resource: "computeCluster",
      ownership: "dedicated",
      basis: min === 0 ? ["per-use"] : ["fixed", "per-use"],
      note: `${note}; ${quota(c.maxNodes, c.vmSize, c.lowPriority)}`,
      pricing: PRICING_PAGES.computeCluster,
    };
  });
  const instances = (computes?.instances ?? []).map((c): IdleCostItem => {
    const idle = c.idleTimeBeforeShutdown === undefined ? INSTANCE_DEFAULTS.idleTimeBeforeShutdown : c.idleTimeBeforeShutdown;
    return {
      resource: "computeInstance",
      ownership: "dedicated",
      basis: idle === false ? ["fixed"] : ["per-use"],
      note:
        idle === false
          ? `instance ${c.name} (${c.vmSize}) has no idle shutdown: it bills every hour until someone stops it`
          : `instance ${c.name} (${c.vmSize}) stops after ${idle} idle: it bills while running; ${quota(1, c.vmSize)}`,
      pricing: PRICING_PAGES.computeInstance,
    };
  });
  return [...clusters, ...instances];
}
