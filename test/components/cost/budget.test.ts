import * as pulumi from "@pulumi/pulumi";
import { MockRuntime, installMocks, promiseOf, settle } from "../../mockRuntime";

const BUDGET = "azure-native:consumption:Budget";
const SUB = "00000000-0000-0000-0000-000000000000";
const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg-team-a`;
const ACTION_GROUP = `${RG_ID}/providers/Microsoft.Insights/actionGroups/ag-ml-owners`;

let mocks: MockRuntime;
let cost: typeof import("../../../components");

beforeAll(async () => {
  mocks = await installMocks();
  cost = await import("../../../components");
});
beforeEach(() => mocks.reset());

describe("WorkspaceBudget", () => {
  it("creates a Cost budget on the resource group with the default notifications", async () => {
    const b = new cost.WorkspaceBudget("team-a-budget", {
      scope: RG_ID,
      name: "team-a",
      amount: 500,
      startDate: "2026-12-01",
      contactEmails: ["ml-owners@contoso.com"],
    });
    expect(await promiseOf(b.budgetId)).toBe(`${RG_ID}/providers/Microsoft.Consumption/budgets/budget-team-a`);
    expect(b.budgetName).toBe("budget-team-a");
    const [budget] = mocks.ofType(BUDGET);
    expect(budget.inputs).toMatchObject({
      scope: RG_ID,
      budgetName: "budget-team-a",
      amount: 500,
      category: "Cost",
      timeGrain: "Monthly",
      timePeriod: { startDate: "2026-12-01T00:00:00Z" },
    });
    const contacts = { enabled: true, operator: "GreaterThan", contactEmails: ["ml-owners@contoso.com"], contactGroups: [] };
    expect(budget.inputs.notifications).toEqual({
      "actual-80": { ...contacts, threshold: 80, thresholdType: "Actual" },
      "actual-100": { ...contacts, threshold: 100, thresholdType: "Actual" },
      "forecast-100": { ...contacts, threshold: 100, thresholdType: "Forecasted" },
    });
    expect(await promiseOf(b.budget.urn)).toContain(
      "azure-ml-workspaces:cost:WorkspaceBudget$azure-native:consumption:Budget::team-a-budget-budget",
    );
  });

  it("takes its scope and action groups as outputs and honours the time grain and thresholds", async () => {
    const b = new cost.WorkspaceBudget("hub-budget", {
      scope: pulumi.output(RG_ID),
      name: "hub",
      amount: 12000,
      timeGrain: "Annually",
      startDate: "2026-01-01",
      actualThresholds: [50],
      forecastThresholds: [90, 110],
      actionGroupIds: [pulumi.output(ACTION_GROUP)],
    });
    await promiseOf(b.budgetId);
    const [budget] = mocks.ofType(BUDGET);
    expect(budget.inputs.timeGrain).toBe("Annually");
    // Map keys reach the engine sorted.
    expect(Object.keys(budget.inputs.notifications).sort()).toEqual(["actual-50", "forecast-110", "forecast-90"]);
    expect(budget.inputs.notifications["forecast-110"]).toMatchObject({
      contactEmails: [],
      contactGroups: [ACTION_GROUP],
      thresholdType: "Forecasted",
    });
  });

  it.each([
    [{ amount: 0 }, /^bad: amount = 0: must be greater than 0$/],
    [{ startDate: "2025-01-31" }, /^bad: startDate = "2025-01-31": must be the first of a month/],
    [{ contactEmails: [] }, /^bad: contactEmails = \[\]: .*at least one contact/],
    [{ forecastThresholds: [100, 110, 120, 130] }, /^bad: forecastThresholds = .*6 notifications/],
  ])("refuses %j in one line before registering anything", async (change, message) => {
    const args = { scope: RG_ID, name: "bad", amount: 10, startDate: "2026-12-01", contactEmails: ["a@contoso.com"], ...change };
    expect(() => new cost.WorkspaceBudget("bad", args)).toThrow(message);
    await settle();
    expect(mocks.registered).toEqual([]);
  });
});

describe("AZ-BUDGET-02: the start date is fixed at creation", () => {
  it("defaults to the first of the current month and ignores later changes to it", async () => {
    const seen: pulumi.ResourceTransformationArgs[] = [];
    const b = new cost.WorkspaceBudget(
      "pinned-budget",
      { scope: RG_ID, name: "pinned", amount: 10, contactEmails: ["a@contoso.com"] },
      { transformations: [(args) => (seen.push(args), undefined)] },
    );
    await promiseOf(b.budgetId);
    const [budget] = mocks.ofType(BUDGET).filter((r) => r.inputs.budgetName === "budget-pinned");
    expect(budget.inputs.timePeriod).toEqual({ startDate: "2026-12-01T00:00:00Z" });
    const opts = seen.find((s) => s.type === BUDGET)!.opts as pulumi.CustomResourceOptions;
    expect(opts.ignoreChanges).toEqual(["timePeriod.startDate"]);
  });
});
