import * as pulumi from "@pulumi/pulumi";
import { MockRuntime, installMocks, promiseOf, settle } from "../../mockRuntime";

const WORKBOOK = "azure-native:applicationinsights:Workbook";
const SUB = "00000000-0000-0000-0000-000000000000";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-team-a/providers`;
const WS = `${RG}/Microsoft.MachineLearningServices/workspaces/mlw-team-a-abc123`;
const LAW = `${RG}/Microsoft.OperationalInsights/workspaces/log-team-a-abc123`;
const ST = `${RG}/Microsoft.Storage/storageAccounts/stteamaabc123`;

let mocks: MockRuntime;
let cost: typeof import("../../../components") & typeof import("../../../components/cost/workbookContent");

beforeAll(async () => {
  mocks = await installMocks();
  cost = { ...(await import("../../../components")), ...(await import("../../../components/cost/workbookContent")) };
});
beforeEach(() => mocks.reset());

describe("UsageWorkbook", () => {
  it("creates one shared workbook with a stable GUID name, sourced from Log Analytics, tagged", async () => {
    const wb = new cost.UsageWorkbook("team-a-usage", {
      resourceGroupName: "rg-team-a",
      location: "westeurope",
      key: "team-a",
      workspaceResourceId: pulumi.output(WS),
      logAnalyticsWorkspaceId: pulumi.output(LAW),
      storageAccountId: ST,
      tags: { costcenter: "4712", environment: "dev" },
    });
    const expectedName = cost.usageWorkbookName({ project: "azure-ml-workspaces", stack: "test", key: "team-a" });
    expect(wb.workbookName).toBe(expectedName);
    expect(await promiseOf(wb.workbookId)).toBe(`${RG}/Microsoft.Insights/workbooks/${expectedName}`);
    const [workbook] = mocks.ofType(WORKBOOK);
    expect(workbook.inputs).toMatchObject({
      resourceGroupName: "rg-team-a",
      location: "westeurope",
      resourceName: expectedName,
      kind: "shared",
      category: "workbook",
      displayName: "Azure ML usage: team-a",
      sourceId: LAW.toLowerCase(),
      version: "Notebook/1.0",
      tags: { costcenter: "4712", environment: "dev" },
    });
    expect(workbook.inputs.serializedData).toBe(
      cost.usageWorkbookJson({
        workspaceResourceId: WS,
        logAnalyticsWorkspaceId: LAW,
        storageAccountId: ST,
        title: "Azure ML usage: team-a",
      }),
    );
    expect(await promiseOf(wb.workbook.urn)).toContain(
      "azure-ml-workspaces:cost:UsageWorkbook$azure-native:applicationinsights:Workbook::team-a-usage-workbook",
    );
  });

  it("names workbooks by key, so two workspaces get two workbooks", async () => {
    const a = new cost.UsageWorkbook("a", { resourceGroupName: "rg", workspaceResourceId: WS, logAnalyticsWorkspaceId: LAW });
    const b = new cost.UsageWorkbook("b", {
      resourceGroupName: "rg",
      workspaceResourceId: WS,
      logAnalyticsWorkspaceId: LAW,
      displayName: "Team B usage",
    });
    await Promise.all([promiseOf(a.workbookId), promiseOf(b.workbookId)]);
    expect(a.workbookName).not.toBe(b.workbookName);
    expect(mocks.ofType(WORKBOOK).map((w) => w.inputs.displayName)).toEqual(["Azure ML usage: a", "Team B usage"]);
    expect(JSON.parse(mocks.ofType(WORKBOOK)[0].inputs.serializedData).items.map((i: { name: string }) => i.name)).toContain(
      "storage-missing",
    );
  });

  it("refuses a known-wrong id in one line before registering anything", async () => {
    expect(() => new cost.UsageWorkbook("bad", { resourceGroupName: "rg", workspaceResourceId: ST, logAnalyticsWorkspaceId: LAW })).toThrow(
      /^usage workbook: workspaceResourceId = ".*stteamaabc123": must be an ARM id/,
    );
    await settle();
    expect(mocks.registered).toEqual([]);
  });
});
