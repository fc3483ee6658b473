import { v5 as uuidv5 } from "uuid";
import { ArmTypeKey, armIdRule, isArmIdOf } from "../armId";
import { UsageQueries, usageQueries } from "./usageQueries";

/**
 * The usage workbook's name and content (Azure Monitor workbook JSON, schema `Notebook/1.0`). Pure: ids in,
 * JSON out, so the exact document is unit-tested and known before deployment.
 */

/** Namespace of the workbook names this project derives. Changing it renames (replaces) every workbook: never do. */
export const USAGE_WORKBOOK_NAMESPACE = "d00b57ad-b1c7-43f0-9835-699041bde583";

export interface UsageWorkbookNameInput {
  project: string;
  stack: string;
  /** Logical key, e.g. the workspace's logical name. */
  key: string;
}

/** Azure wants a GUID name; uuid v5 of the logical identity keeps it the same on every run and in preview. */
export function usageWorkbookName(input: UsageWorkbookNameInput): string {
  for (const [field, value] of Object.entries(input)) {
    if (value.trim() === "") throw new Error(`usage workbook name: ${field} must be a non-empty string`);
  }
  return uuidv5(JSON.stringify(["usage-workbook", input.project, input.stack, input.key]), USAGE_WORKBOOK_NAMESPACE);
}

export interface UsageWorkbookContentInput {
  /** ARM id of the Azure ML workspace whose diagnostic logs the queries read. */
  workspaceResourceId: string;
  /** ARM id of the Log Analytics workspace those logs go to; the queries run there. */
  logAnalyticsWorkspaceId: string;
  /** ARM id of the storage account for the storage-used chart. Defaults to none: the chart is left out. */
  storageAccountId?: string;
  /** Heading of the workbook. */
  title: string;
}

export const TIME_RANGE_PARAMETER = "TimeRange";
const DAY_MS = 86_400_000;

type Visualization = "timechart" | "table" | "barchart";

interface WorkbookItem {
  type: number;
  name: string;
  content: Record<string, unknown>;
}

export interface WorkbookDocument {
  version: "Notebook/1.0";
  items: WorkbookItem[];
  fallbackResourceIds: string[];
  $schema: string;
}

type IdKey = "workspaceResourceId" | "logAnalyticsWorkspaceId" | "storageAccountId";
const ID_TYPES: Record<IdKey, ArmTypeKey> = {
  workspaceResourceId: "workspace",
  logAnalyticsWorkspaceId: "logAnalyticsWorkspace",
  storageAccountId: "storageAccount",
};

/**
 * Refuses ids that are not what they claim to be, in one line, before they end up inside KQL. Values that are
 * not strings yet (outputs) are skipped, so a component can check what it knows before registering anything.
 */
export function assertUsageWorkbookIds(ids: Partial<Record<IdKey, unknown>>): void {
  for (const [key, type] of Object.entries(ID_TYPES) as [IdKey, ArmTypeKey][]) {
    const id = ids[key];
    if (typeof id === "string" && !isArmIdOf(id, type))
      throw new Error(`usage workbook: ${key} = ${JSON.stringify(id)}: ${armIdRule(type)}`);
  }
}

export function usageWorkbookDocument(input: UsageWorkbookContentInput): WorkbookDocument {
  assertUsageWorkbookIds(input);
  const queries = usageQueries(input);
  const law = input.logAnalyticsWorkspaceId;
  const workspaceName = input.workspaceResourceId.split("/").pop();
  const text = (name: string, markdown: string): WorkbookItem => ({ type: 1, name, content: { json: markdown } });
  const query = (name: keyof UsageQueries, title: string, visualization: Visualization): WorkbookItem => ({
    type: 3,
    name,
    content: {
      version: "KqlItem/1.0",
      query: queries[name],
      size: 0,
      title,
      timeContextFromParameter: TIME_RANGE_PARAMETER,
      timeContext: { durationMs: 7 * DAY_MS },
      queryType: 0,
      resourceType: "microsoft.operationalinsights/workspaces",
      crossComponentResources: [law],
      visualization,
    },
  });

  const items: WorkbookItem[] = [
    text(
      "header",
      [
        `## ${input.title}`,
        `Use of Azure ML workspace \`${workspaceName}\`, from its diagnostic logs in Log Analytics.`,
        "An empty chart means no such events in the time range (or the diagnostic setting that sends them is missing).",
      ].join("\n\n"),
    ),
    timeRangeParameter(),
    text("jobs-header", "### Jobs"),
    query("jobRuns", "Job runs per day: submitted, succeeded, failed", "timechart"),
    query("jobFailures", "Latest failed jobs", "table"),
    text("compute-header", "### Compute in use"),
    query("clusterNodes", "Compute cluster nodes (hourly maximum): running and idle", "timechart"),
    query("clusters", "Compute clusters: a minimum node count above 0 bills while idle", "table"),
    query("computeInstances", "Compute instances with activity", "table"),
    text("storage-header", "### Storage used"),
    queries.storageUsed === undefined
      ? text("storage-missing", "No storage account was given for this workbook, so storage use is not shown.")
      : query("storageUsed", "Default storage used (GiB, from AzureMetrics UsedCapacity)", "timechart"),
    text("ingestion-header", "### Log Analytics ingestion (billed per GB)"),
    query("logIngestion", "Billable GB ingested by table, whole Log Analytics workspace", "barchart"),
  ];
  return {
    version: "Notebook/1.0",
    items,
    fallbackResourceIds: [law],
    $schema: "https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json",
  };
}

/** The `serializedData` of the workbook resource. */
export function usageWorkbookJson(input: UsageWorkbookContentInput): string {
  return JSON.stringify(usageWorkbookDocument(input));
}

function timeRangeParameter(): WorkbookItem {
  const choices = [1, 7, 14, 30].map((days) => ({ durationMs: days * DAY_MS }));
  return {
    type: 9,
    name: "parameters",
    content: {
      version: "KqlParameterItem/1.0",
      parameters: [
        {
          // A fixed id keeps the JSON, and so the resource, identical between runs.
          id: "5e6f2a1c-3b8d-4c7e-9f10-2a3b4c5d6e7f",
          version: "KqlParameterItem/1.0",
          name: TIME_RANGE_PARAMETER,
          label: "Time range",
          type: 4,
          isRequired: true,
          value: { durationMs: 7 * DAY_MS },
          typeSettings: { selectableValues: choices, allowCustom: true },
        },
      ],
      style: "pills",
      queryType: 0,
      resourceType: "microsoft.operationalinsights/workspaces",
    },
  };
}
