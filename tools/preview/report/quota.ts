import { isObject } from "../shared/messages";

/** The compute quota the program reports in its `computeQuota` output, to compare with the subscription's before `pulumi up`. */
export interface QuotaNodes {
  vmSize: string;
  priority: string;
  maxNodes: number;
}

export interface EntryQuota {
  computes: number;
  clusters: { name: string; vmSize: string; priority: string; minNodes: number; maxNodes: number }[];
  instances: { name: string; vmSize: string }[];
  nodesByVmSize: QuotaNodes[];
  maxNodes: { dedicated: number; lowPriority: number };
}

export interface StackQuota {
  entries: Record<string, EntryQuota>;
  total: { computes: number; nodesByVmSize: QuotaNodes[]; maxNodes: { dedicated: number; lowPriority: number } };
}

/** The stack's quota summary, when its outputs carry one of the expected shape. */
export function stackQuota(outputs: Record<string, unknown>): StackQuota | undefined {
  const quota = outputs.computeQuota;
  if (!isObject(quota) || !isObject(quota.entries) || !isObject(quota.total)) return undefined;
  return quota as unknown as StackQuota;
}
