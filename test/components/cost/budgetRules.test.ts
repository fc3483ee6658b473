import fc from "fast-check";
import {
  BudgetRuleInput,
  MAX_NOTIFICATIONS,
  armStartDate,
  assertBudgetArgs,
  budgetConfigSchema,
  budgetIssues,
  defaultStartDate,
  firstOfMonth,
  notificationPlan,
  startDateWindow,
  TODAY_ENV,
  today,
} from "../../../components/cost/budgetRules";

const SUB = "00000000-0000-0000-0000-000000000000";
const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg-team-a`;
const ACTION_GROUP = `${RG_ID}/providers/Microsoft.Insights/actionGroups/ag-ml-owners`;
const valid: BudgetRuleInput = {
  scope: RG_ID,
  name: "team-a",
  amount: 500,
  startDate: "2026-12-01",
  contactEmails: ["ml-owners@contoso.com"],
};

describe("notificationPlan", () => {
  it("defaults to actual 80 and 100 and forecast 100, with stable keys", () => {
    expect(notificationPlan()).toEqual([
      { key: "actual-80", threshold: 80, thresholdType: "Actual" },
      { key: "actual-100", threshold: 100, thresholdType: "Actual" },
      { key: "forecast-100", threshold: 100, thresholdType: "Forecasted" },
    ]);
  });

  it("keys decimal thresholds without a dot and allows opting out of a kind", () => {
    expect(notificationPlan([87.5], []).map((n) => n.key)).toEqual(["actual-87_5"]);
  });
});

describe("budgetIssues", () => {
  it("accepts a valid budget, and one notified through an action group only", () => {
    expect(budgetIssues(valid)).toEqual([]);
    expect(budgetIssues({ ...valid, contactEmails: undefined, actionGroupIds: [ACTION_GROUP] })).toEqual([]);
    expect(armStartDate("2026-12-01")).toBe("2026-12-01T00:00:00Z");
  });

  it.each<[string, Partial<BudgetRuleInput>, (string | number)[], RegExp]>([
    ["zero amount", { amount: 0 }, ["amount"], /greater than 0/],
    ["negative amount", { amount: -5 }, ["amount"], /greater than 0/],
    ["mid-month start", { startDate: "2025-01-15" }, ["startDate"], /first of a month/],
    ["month 13", { startDate: "2025-13-01" }, ["startDate"], /first of a month/],
    ["start before the API allows", { startDate: "2017-05-01" }, ["startDate"], /2017-06-01/],
    ["threshold 0", { actualThresholds: [0] }, ["actualThresholds", 0], /above 0/],
    ["threshold above 1000", { forecastThresholds: [1001] }, ["forecastThresholds", 0], /up to 1000/],
    ["duplicate threshold", { actualThresholds: [80, 80] }, ["actualThresholds", 1], /duplicate/],
    ["six notifications", { actualThresholds: [10, 20, 30, 40, 50] }, ["actualThresholds"], /6 notifications .* at most 5/],
    ["no contact", { contactEmails: [] }, ["contactEmails"], /at least one contact/],
    ["bad email", { contactEmails: ["not-an-email"] }, ["contactEmails", 0], /email/],
    ["unknown time grain", { timeGrain: "Weekly" }, ["timeGrain"], /Monthly, Quarterly or Annually/],
    ["name too long for ARM", { name: "x".repeat(60) }, ["name"], /budget-x+.*1-63/],
    [
      "scope that is not a resource group",
      { scope: `${RG_ID}/providers/Microsoft.MachineLearningServices/workspaces/w` },
      ["scope"],
      /resource group id/,
    ],
  ])("refuses %s, naming the key", (_label, change, path, rule) => {
    const issues = budgetIssues({ ...valid, ...change });
    expect(issues).toContainEqual(expect.objectContaining({ path }));
    expect(issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path))?.rule).toMatch(rule);
  });

  it("needs no contact when every notification is switched off", () => {
    expect(budgetIssues({ ...valid, contactEmails: [], actualThresholds: [], forecastThresholds: [] })).toEqual([]);
  });

  it("accepts up to five distinct valid notifications and refuses more", () => {
    const thresholds = fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 6 });
    fc.assert(
      fc.property(thresholds, thresholds, (actual, forecast) => {
        const issues = budgetIssues({ ...valid, actualThresholds: actual, forecastThresholds: forecast });
        expect(issues.length === 0).toBe(actual.length + forecast.length <= MAX_NOTIFICATIONS);
      }),
      { numRuns: 200 },
    );
  });
});

describe("assertBudgetArgs", () => {
  it("throws one line naming the component, the key, the value and the rule", () => {
    expect(() => assertBudgetArgs("team-a-budget", { ...valid, amount: 0 })).toThrow(/^team-a-budget: amount = 0: must be greater than 0$/);
    try {
      assertBudgetArgs("team-a-budget", { ...valid, amount: 0, startDate: "2025-02-02" });
    } catch (e) {
      expect((e as Error).message).not.toContain("\n");
      expect((e as Error).message).toMatch(/\(and 1 more issue\)$/);
    }
    expect.assertions(3);
  });

  it("does not throw for a valid budget whose scope and action groups are still outputs", () => {
    expect(() => assertBudgetArgs("b", { ...valid, scope: {}, contactEmails: undefined, actionGroupIds: [{}] })).not.toThrow();
  });
});

describe("budgetConfigSchema", () => {
  it("parses the recommended config shape", () => {
    const parsed = budgetConfigSchema.parse({
      amount: 300,
      startDate: "2026-12-01",
      contactEmails: ["a@contoso.com"],
      actionGroupIds: [ACTION_GROUP],
    });
    expect(parsed.amount).toBe(300);
  });

  it("refuses action group ids of another type and unknown keys", () => {
    const badGroup = budgetConfigSchema.safeParse({ amount: 1, startDate: "2026-12-01", actionGroupIds: [RG_ID] });
    expect(badGroup.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [["actionGroupIds", 0], expect.stringMatching(/action group id/)],
    ]);
    const typo = budgetConfigSchema.safeParse({ amount: 1, startDate: "2026-12-01", contactEmails: ["a@contoso.com"], contactEmail: "x" });
    expect(typo.error?.issues[0].message).toMatch(/contactEmail/);
  });
});

describe("AZ-BUDGET-01: the start date window relative to today", () => {
  it("is the current grain period back to twelve months ahead", () => {
    expect(startDateWindow("Monthly", "2026-12-02")).toEqual({ earliest: "2026-12-01", latest: "2027-12-01" });
    expect(startDateWindow("Quarterly", "2026-12-02")).toEqual({ earliest: "2026-10-01", latest: "2027-12-01" });
    expect(startDateWindow("Annually", "2026-12-31")).toEqual({ earliest: "2026-01-01", latest: "2027-12-01" });
    expect(startDateWindow("Annually", "2017-07-15").earliest).toBe("2017-06-01");
  });

  it("refuses a monthly start before the current month or more than twelve months ahead, on the pinned day", () => {
    expect(process.env[TODAY_ENV]).toBe("2026-12-02"); // set by test/setup/frozenClock.ts under this name
    expect(today()).toBe("2026-12-02");
    const at = (startDate: string, timeGrain?: string) => budgetIssues({ ...valid, startDate, timeGrain }).map((i) => i.rule);
    expect(at("2026-11-01")).toEqual([expect.stringMatching(/from 2026-12-01 to 2027-12-01/)]);
    expect(at("2028-01-01")).toEqual([expect.stringMatching(/from 2026-12-01 to 2027-12-01/)]);
    expect(at("2026-12-01")).toEqual([]);
    expect(at("2027-12-01")).toEqual([]);
    expect(at("2026-11-01", "Quarterly")).toEqual([]);
  });

  it("holds for any day: the default start date is always inside the window", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2018-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const start = defaultStartDate(undefined, day);
        const { earliest, latest } = startDateWindow("Monthly", day);
        return start === firstOfMonth(day) && start >= earliest && start <= latest;
      }),
    );
  });

  it("reads the pinned day from AZURE_ML_WORKSPACES_TODAY and refuses a malformed one", () => {
    expect(today({ AZURE_ML_WORKSPACES_TODAY: "2030-02-10" })).toBe("2030-02-10");
    expect(() => today({ AZURE_ML_WORKSPACES_TODAY: "Feb 2030" })).toThrow(/not a date/);
  });
});

describe("AZ-BUDGET-04: contact limits and amount", () => {
  it("refuses more than 50 contact emails or action groups, and a non-finite amount", () => {
    const emails = Array.from({ length: 51 }, (_, i) => `u${i}@contoso.com`);
    expect(budgetIssues({ ...valid, contactEmails: emails }).map((i) => i.rule)).toEqual([expect.stringMatching(/at most 50/)]);
    expect(budgetIssues({ ...valid, contactEmails: emails.slice(0, 50) })).toEqual([]);
    const groups = Array.from({ length: 51 }, () => ACTION_GROUP);
    expect(budgetIssues({ ...valid, actionGroupIds: groups }).map((i) => i.path)).toEqual([["actionGroupIds"]]);
    expect(budgetIssues({ ...valid, amount: Infinity }).map((i) => i.path)).toEqual([["amount"]]);
  });
});

describe("AZ-BUDGET-03: at most five notifications per budget", () => {
  it("accepts five and refuses six", () => {
    expect(budgetIssues({ ...valid, actualThresholds: [10, 20, 30, 40], forecastThresholds: [100] })).toEqual([]);
    expect(budgetIssues({ ...valid, actualThresholds: [10, 20, 30, 40, 50], forecastThresholds: [100] }).map((i) => i.rule)).toEqual([
      expect.stringMatching(/6 notifications .* at most 5/),
    ]);
  });
});
