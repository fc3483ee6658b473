/**
 * KQL for the usage workbook, over what the package collects (docs/azure-rules/monitoring.md AZ-MON-01): the tables
 * the workspace's own diagnostic setting fills (AmlComputeJobEvent, AmlComputeClusterEvent, AmlComputeInstanceEvent),
 * storage metrics where a metrics setting sends them (AzureMetrics), and Usage. Online endpoints log under their own
 * resource ids, which no setting here covers, so they are not charted. Pure: ids in, query text out.
 *
 * A table exists in Log Analytics only once data has arrived, and a query over a missing table fails. Each
 * query therefore reads `union isfuzzy=true (empty datatable with the columns used), (Table)`, which returns no
 * rows instead of an error while the table is absent.
 */

type KqlType = "datetime" | "string" | "int" | "real" | "bool";

/** Tables and the columns the queries use (types from the Azure Monitor table reference). */
export const USAGE_TABLES = {
  AmlComputeJobEvent: {
    TimeGenerated: "datetime",
    _ResourceId: "string",
    EventType: "string",
    JobName: "string",
    ExperimentName: "string",
    ClusterName: "string",
    JobErrorMessage: "string",
  },
  AmlComputeClusterEvent: {
    TimeGenerated: "datetime",
    _ResourceId: "string",
    ClusterName: "string",
    VmSize: "string",
    VmPriority: "string",
    RunningNodeCount: "int",
    IdleNodeCount: "int",
    CurrentNodeCount: "int",
    MinimumNodeCount: "int",
    MaximumNodeCount: "int",
  },
  AmlComputeInstanceEvent: { TimeGenerated: "datetime", _ResourceId: "string", AmlComputeInstanceName: "string", OperationName: "string" },
  AzureMetrics: { TimeGenerated: "datetime", _ResourceId: "string", MetricName: "string", Average: "real" },
  Usage: { TimeGenerated: "datetime", DataType: "string", Quantity: "real", IsBillable: "bool" },
} as const satisfies Record<string, Record<string, KqlType>>;

export type UsageTable = keyof typeof USAGE_TABLES;

/** The table, or no rows when it does not exist yet. */
export function tableOrEmpty(table: UsageTable): string {
  const columns = Object.entries(USAGE_TABLES[table])
    .map(([name, type]) => `${name}:${type}`)
    .join(", ");
  return `union isfuzzy=true (datatable(${columns})[]), (${table})`;
}

/** A KQL string literal; ARM ids never contain quotes or backslashes, but nothing here relies on it. */
export function kqlString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export interface UsageQueryIds {
  /** ARM id of the Azure ML workspace: the `_ResourceId` of its diagnostic logs. */
  workspaceResourceId: string;
  /** ARM id of a storage account whose metrics reach Log Analytics; the storage section needs it. */
  storageAccountId?: string;
}

const lines = (...parts: string[]) => parts.join("\n");

/** Each query by workbook section; the workbook's time range parameter scopes them all. */
export function usageQueries(ids: UsageQueryIds) {
  const ws = kqlString(ids.workspaceResourceId);
  const ofWorkspace = `| where _ResourceId =~ ${ws}`;
  return {
    jobRuns: lines(
      tableOrEmpty("AmlComputeJobEvent"),
      ofWorkspace,
      '| summarize Submitted = countif(EventType == "JobSubmitted"), Succeeded = countif(EventType == "JobSucceeded"), Failed = countif(EventType == "JobFailed") by bin(TimeGenerated, 1d)',
      "| order by TimeGenerated asc",
    ),
    jobFailures: lines(
      tableOrEmpty("AmlComputeJobEvent"),
      ofWorkspace,
      '| where EventType == "JobFailed"',
      "| project TimeGenerated, JobName, ExperimentName, ClusterName, JobErrorMessage",
      "| order by TimeGenerated desc",
      "| take 50",
    ),
    clusterNodes: lines(
      tableOrEmpty("AmlComputeClusterEvent"),
      ofWorkspace,
      "| summarize RunningNodes = max(RunningNodeCount), IdleNodes = max(IdleNodeCount) by bin(TimeGenerated, 1h)",
      "| order by TimeGenerated asc",
    ),
    clusters: lines(
      tableOrEmpty("AmlComputeClusterEvent"),
      ofWorkspace,
      "| summarize arg_max(TimeGenerated, VmSize, VmPriority, CurrentNodeCount, MinimumNodeCount, MaximumNodeCount) by ClusterName",
      // A minimum above 0 keeps nodes, and their bill, running while idle.
      "| extend BillsWhileIdle = MinimumNodeCount > 0",
      "| project ClusterName, VmSize, VmPriority, CurrentNodeCount, MinimumNodeCount, MaximumNodeCount, BillsWhileIdle, LastEvent = TimeGenerated",
    ),
    computeInstances: lines(
      tableOrEmpty("AmlComputeInstanceEvent"),
      ofWorkspace,
      "| summarize Events = count(), LastSeen = max(TimeGenerated) by AmlComputeInstanceName",
      "| order by LastSeen desc",
    ),
    storageUsed:
      ids.storageAccountId === undefined
        ? undefined
        : lines(
            tableOrEmpty("AzureMetrics"),
            `| where _ResourceId =~ ${kqlString(ids.storageAccountId)}`,
            '| where MetricName == "UsedCapacity"',
            "| summarize UsedBytes = max(Average) by bin(TimeGenerated, 1h)",
            "| extend UsedGiB = round(UsedBytes / 1073741824.0, 2)",
            "| project TimeGenerated, UsedGiB",
            "| order by TimeGenerated asc",
          ),
    logIngestion: lines(
      tableOrEmpty("Usage"),
      "| where IsBillable == true",
      // Quantity is in MB.
      "| summarize BillableGB = round(sum(Quantity) / 1000.0, 3) by DataType",
      "| order by BillableGB desc",
    ),
  };
}

export type UsageQueries = ReturnType<typeof usageQueries>;
