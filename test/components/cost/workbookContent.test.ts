import { USAGE_TABLES, kqlString, tableOrEmpty, usageQueries } from "../../../components/cost/usageQueries";
import {
  TIME_RANGE_PARAMETER,
  assertUsageWorkbookIds,
  usageWorkbookDocument,
  usageWorkbookJson,
  usageWorkbookName,
} from "../../../components/cost/workbookContent";

const SUB = "00000000-0000-0000-0000-000000000000";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-team-a/providers`;
const WS = `${RG}/Microsoft.MachineLearningServices/workspaces/mlw-team-a-abc123`;
const LAW = `${RG}/Microsoft.OperationalInsights/workspaces/log-team-a-abc123`;
const ST = `${RG}/Microsoft.Storage/storageAccounts/stteamaabc123`;
const input = { workspaceResourceId: WS, logAnalyticsWorkspaceId: LAW, storageAccountId: ST, title: "Azure ML usage: team-a" };

type Item = { type: number; name: string; content: Record<string, any> };
const queryItems = (doc: { items: Item[] }) => doc.items.filter((i) => i.type === 3);

describe("usageWorkbookJson", () => {
  const doc = JSON.parse(usageWorkbookJson(input));

  it("is valid workbook JSON whose queries run against the Log Analytics workspace", () => {
    expect(doc.version).toBe("Notebook/1.0");
    expect(doc.fallbackResourceIds).toEqual([LAW]);
    const queries = queryItems(doc);
    expect(queries.length).toBeGreaterThanOrEqual(7);
    for (const q of queries) {
      expect(q.content).toMatchObject({
        version: "KqlItem/1.0",
        queryType: 0,
        resourceType: "microsoft.operationalinsights/workspaces",
        crossComponentResources: [LAW],
        timeContextFromParameter: TIME_RANGE_PARAMETER,
      });
    }
    const names = doc.items.map((i: Item) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("declares the time range parameter the queries use", () => {
    const params = doc.items.find((i: Item) => i.type === 9);
    expect(params.content.parameters.map((p: { name: string }) => p.name)).toEqual([TIME_RANGE_PARAMETER]);
  });

  it("covers jobs, compute, storage and ingestion, each over its table", () => {
    const byName = Object.fromEntries(queryItems(doc).map((q) => [q.name, q.content.query as string]));
    expect(byName.jobRuns).toMatch(/AmlComputeJobEvent[\s\S]*countif\(EventType == "JobFailed"\)/);
    expect(byName.jobFailures).toMatch(/where EventType == "JobFailed"/);
    expect(byName.clusterNodes).toContain("(AmlComputeClusterEvent)");
    expect(byName.clusters).toMatch(/BillsWhileIdle = MinimumNodeCount > 0/);
    expect(byName.computeInstances).toContain("(AmlComputeInstanceEvent)");
    expect(byName.storageUsed).toMatch(/AzureMetrics[\s\S]*_ResourceId =~ ".*stteamaabc123"[\s\S]*"UsedCapacity"/);
    expect(byName.logIngestion).toMatch(/\(Usage\)[\s\S]*IsBillable == true/);
  });

  it("filters workspace tables by the workspace id", () => {
    const queries = usageQueries(input);
    for (const name of ["jobRuns", "jobFailures", "clusterNodes", "clusters", "computeInstances"] as const) {
      expect(queries[name]).toContain(`| where _ResourceId =~ "${WS}"`);
    }
  });

  it("is parameterised by the workspace id: another workspace never appears in the first one's queries", () => {
    const other = WS.replace("mlw-team-a-abc123", "mlw-team-b-abc123");
    const json = usageWorkbookJson({ ...input, workspaceResourceId: other });
    expect(json).toContain("mlw-team-b-abc123");
    expect(json).not.toContain("mlw-team-a-abc123");
  });

  it("leaves the storage chart out, saying so, without a storage account", () => {
    const noStorage = usageWorkbookDocument({ ...input, storageAccountId: undefined });
    expect(queryItems(noStorage).map((q) => q.name)).not.toContain("storageUsed");
    expect(noStorage.items.find((i) => i.name === "storage-missing")?.content.json).toMatch(/No storage account/);
  });

  it("refuses an id of the wrong type in one line, before any KQL is built", () => {
    expect(() => usageWorkbookJson({ ...input, workspaceResourceId: LAW })).toThrow(
      /^usage workbook: workspaceResourceId = ".*log-team-a-abc123": must be an ARM id .*MachineLearningServices\/workspaces/,
    );
    expect(() => assertUsageWorkbookIds({ storageAccountId: 'x" | take 1' })).toThrow(/storageAccountId/);
    expect(() => assertUsageWorkbookIds({ workspaceResourceId: {}, logAnalyticsWorkspaceId: undefined })).not.toThrow();
  });
});

describe("KQL helpers", () => {
  it("declares every column a query uses for a table that does not exist yet", () => {
    expect(tableOrEmpty("AmlComputeJobEvent")).toBe(
      `union isfuzzy=true (datatable(${Object.entries(USAGE_TABLES.AmlComputeJobEvent)
        .map(([c, t]) => `${c}:${t}`)
        .join(", ")})[]), (AmlComputeJobEvent)`,
    );
  });

  it("escapes string literals", () => {
    expect(kqlString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe("usageWorkbookName", () => {
  it("is a stable GUID per project, stack and key", () => {
    const name = usageWorkbookName({ project: "p", stack: "dev", key: "team-a" });
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(usageWorkbookName({ project: "p", stack: "dev", key: "team-a" })).toBe(name);
    expect(usageWorkbookName({ project: "p", stack: "prod", key: "team-a" })).not.toBe(name);
    expect(usageWorkbookName({ project: "p", stack: "dev", key: "team-b" })).not.toBe(name);
  });

  it("refuses an empty key", () => {
    expect(() => usageWorkbookName({ project: "p", stack: "dev", key: " " })).toThrow(/key must be a non-empty string/);
  });
});

describe("AZ-MON-01: the workbook charts only what the workspace's diagnostic setting collects", () => {
  it("reads no online-endpoint table: endpoints log under their own ids, which no setting here covers", () => {
    const json = usageWorkbookJson({ workspaceResourceId: WS, logAnalyticsWorkspaceId: LAW, title: "t" });
    expect(json).not.toMatch(/AmlOnlineEndpoint/);
    expect(Object.keys(USAGE_TABLES).filter((t) => t.startsWith("AmlOnline"))).toEqual([]);
  });
});
