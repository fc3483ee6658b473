import { z } from "zod";
import { ConfigIssue, formatIssue, moreIssues, parseWithIssues } from "../configIssues";
import { parseArmId } from "../armId";
import { ARM_NAME_RULES, budgetName } from "../naming";

/**
 * Budget rules (docs/azure-rules/budgets.md), pure so the same checks run on component args and on stack config.
 * Every refusal is one line naming the key, its value and the rule.
 */

export const BUDGET_TIME_GRAINS = ["Monthly", "Quarterly", "Annually"] as const;
export type BudgetTimeGrain = (typeof BUDGET_TIME_GRAINS)[number];

export const DEFAULT_ACTUAL_THRESHOLDS: readonly number[] = [80, 100];
export const DEFAULT_FORECAST_THRESHOLDS: readonly number[] = [100];
/** docs/azure-rules/budgets.md AZ-BUDGET-03: at most five notifications per budget. */
export const MAX_NOTIFICATIONS = 5;
/** docs/azure-rules/budgets.md AZ-BUDGET-04: at most 50 contact emails (and 50 action groups) per notification. */
export const MAX_CONTACTS = 50;
/** docs/azure-rules/budgets.md AZ-BUDGET-01: no start date before June 2017. */
const EARLIEST_START = "2017-06-01";
/** docs/azure-rules/budgets.md AZ-BUDGET-01: a future start date at most twelve months ahead. */
const MONTHS_AHEAD = 12;
const GRAIN_MONTHS: Record<BudgetTimeGrain, number> = { Monthly: 1, Quarterly: 3, Annually: 12 };
/** Pins "today" (`YYYY-MM-DD`, UTC) for budgets: previews and tests set it so their output never depends on the clock. */
export const TODAY_ENV = "AZURE_ML_WORKSPACES_TODAY";
const FIRST_OF_MONTH = /^\d{4}-(0[1-9]|1[0-2])-01$/;
const RESOURCE_GROUP_ID = /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}$/i;

const threshold = z
  .number("thresholds are numbers (percent of the amount)")
  .gt(0, "thresholds are percentages above 0")
  .lte(1000, "thresholds are percentages up to 1000");

/** An action group id: `/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Insights/actionGroups/<name>`. @internal (zod) */
export const actionGroupIdSchema = z.string().refine((id) => {
  const parsed = parseArmId(id);
  return parsed !== undefined && `${parsed.provider}/${parsed.resourceType}`.toLowerCase() === "microsoft.insights/actiongroups";
}, "must be an action group id: /subscriptions/<guid>/resourceGroups/<name>/providers/Microsoft.Insights/actionGroups/<name>");

/** The settings of a budget, without its scope and name: what stack config carries per workspace. */
function budgetSettingsSchema<G extends z.ZodType>(actionGroupId: G) {
  return z
    .strictObject({
      amount: z.number("must be a number").positive("must be greater than 0").finite("must be a finite number"),
      timeGrain: z.enum(BUDGET_TIME_GRAINS, "must be Monthly, Quarterly or Annually").optional(),
      startDate: z
        .string("must be a date string YYYY-MM-01 (quote it in YAML)")
        .regex(FIRST_OF_MONTH, "must be the first of a month as YYYY-MM-01, e.g. 2025-01-01")
        .refine((date) => date >= EARLIEST_START, `Azure accepts budgets starting from ${EARLIEST_START}`)
        .optional(),
      actualThresholds: z.array(threshold).optional(),
      forecastThresholds: z.array(threshold).optional(),
      contactEmails: z
        .array(z.email("must be an email address"))
        .max(MAX_CONTACTS, `a budget notification takes at most ${MAX_CONTACTS} contact emails`)
        .optional(),
      actionGroupIds: z
        .array(actionGroupId)
        .max(MAX_CONTACTS, `a budget notification takes at most ${MAX_CONTACTS} action groups`)
        .optional(),
    })
    .superRefine((budget, ctx) => {
      if (typeof budget.startDate === "string" && FIRST_OF_MONTH.test(budget.startDate)) {
        const problem = startDateProblem(budget.startDate, (budget.timeGrain ?? "Monthly") as BudgetTimeGrain, today());
        if (problem) ctx.addIssue({ code: "custom", path: ["startDate"], message: problem });
      }
      for (const key of ["actualThresholds", "forecastThresholds"] as const) {
        (budget[key] ?? []).forEach((t, i, all) => {
          if (all.indexOf(t) !== i)
            ctx.addIssue({ code: "custom", path: [key, i], message: "duplicate threshold: each threshold may appear once per kind" });
        });
      }
      const plan = notificationPlan(budget.actualThresholds, budget.forecastThresholds);
      if (plan.length > MAX_NOTIFICATIONS) {
        const key = budget.forecastThresholds ? "forecastThresholds" : "actualThresholds";
        const message = `${plan.length} notifications (${plan.map((n) => n.key).join(", ")}) but a budget allows at most ${MAX_NOTIFICATIONS}`;
        ctx.addIssue({ code: "custom", path: [key], message });
      }
      const contacts = (budget.contactEmails?.length ?? 0) + (budget.actionGroupIds?.length ?? 0);
      if (plan.length > 0 && contacts === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["contactEmails"],
          message: "a budget with notifications needs at least one contact: set contactEmails or actionGroupIds",
        });
      }
    });
}

/** Stack config shape for a workspace's budget (its scope is the workspace's resource group, its name the workspace's). @internal (zod) */
export const budgetConfigSchema = budgetSettingsSchema(actionGroupIdSchema);
/** @internal (zod) */
export type BudgetConfig = z.infer<typeof budgetConfigSchema>;

/** Component args may carry action group ids that are still outputs: only their count is checked. */
const budgetArgsSchema = budgetSettingsSchema(z.unknown());

export interface BudgetRuleInput {
  readonly scope?: unknown;
  readonly name: string;
  readonly amount: number;
  readonly timeGrain?: string;
  readonly startDate?: string;
  readonly actualThresholds?: readonly number[];
  readonly forecastThresholds?: readonly number[];
  readonly contactEmails?: readonly string[];
  readonly actionGroupIds?: readonly unknown[];
}

/** Every rule a budget breaks (empty when it is valid). Outputs (unknown yet) are not inspected. */
export function budgetIssues(input: BudgetRuleInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const physical = budgetName(input.name);
  if (!ARM_NAME_RULES.budget.test(physical)) {
    issues.push({
      path: ["name"],
      value: input.name,
      rule: `gives budget name '${physical}', which breaks the ARM rule: 1-63 letters, digits, _ or -`,
    });
  }
  if (typeof input.scope === "string" && !RESOURCE_GROUP_ID.test(input.scope)) {
    issues.push({ path: ["scope"], value: input.scope, rule: "must be a resource group id: /subscriptions/<guid>/resourceGroups/<name>" });
  }
  const { scope: _scope, name: _name, ...settings } = input;
  issues.push(...parseWithIssues(budgetArgsSchema, settings).issues);
  return issues;
}

/** Throws one line for the first broken rule, naming the component: `<name>: amount = 0: must be greater than 0`. */
export function assertBudgetArgs(componentName: string, input: BudgetRuleInput): void {
  const issues = budgetIssues(input);
  if (issues.length === 0) return;
  throw new Error(`${componentName}: ${formatIssue(issues[0])}${moreIssues(issues.length)}`);
}

export interface PlannedNotification {
  /** `actual-80`, `forecast-100`; a decimal point becomes `_` (`actual-87_5`). */
  key: string;
  threshold: number;
  thresholdType: "Actual" | "Forecasted";
}

/** The notifications a budget gets, defaults applied: actual spend first, then forecast. */
export function notificationPlan(
  actual: readonly number[] = DEFAULT_ACTUAL_THRESHOLDS,
  forecast: readonly number[] = DEFAULT_FORECAST_THRESHOLDS,
): PlannedNotification[] {
  const key = (prefix: string, t: number) => `${prefix}-${String(t).replace(".", "_")}`;
  return [
    ...actual.map((t) => ({ key: key("actual", t), threshold: t, thresholdType: "Actual" as const })),
    ...forecast.map((t) => ({ key: key("forecast", t), threshold: t, thresholdType: "Forecasted" as const })),
  ];
}

/** `2025-01-01` → `2025-01-01T00:00:00Z`, the form the Consumption API returns (so reads show no drift). */
export function armStartDate(startDate: string): string {
  return `${startDate}T00:00:00Z`;
}

/** Today's date as `YYYY-MM-DD` (UTC), or the date pinned by `AZURE_ML_WORKSPACES_TODAY`. */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env[TODAY_ENV];
  if (pinned !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned) || Number.isNaN(Date.parse(`${pinned}T00:00:00Z`))) {
      throw new Error(`${TODAY_ENV}="${pinned}" is not a date YYYY-MM-DD`);
    }
    return pinned;
  }
  return new Date().toISOString().slice(0, 10);
}

/** The first of `date`'s month moved by `months` (`YYYY-MM-01`). */
export function firstOfMonth(date: string, months = 0): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const shifted = new Date(Date.UTC(year, month, 1));
  return shifted.toISOString().slice(0, 10);
}

/**
 * docs/azure-rules/budgets.md AZ-BUDGET-01: the start dates Azure accepts on `day`: from the start of the current
 * time grain period (a start in the past must lie within one grain) to twelve months ahead, never before June 2017.
 */
export function startDateWindow(grain: BudgetTimeGrain, day: string): { earliest: string; latest: string } {
  const earliest = firstOfMonth(day, 1 - GRAIN_MONTHS[grain]);
  return { earliest: earliest < EARLIEST_START ? EARLIEST_START : earliest, latest: firstOfMonth(day, MONTHS_AHEAD) };
}

function startDateProblem(startDate: string, grain: BudgetTimeGrain, day: string): string | undefined {
  const { earliest, latest } = startDateWindow(grain, day);
  if (startDate < earliest || startDate > latest) {
    return `on ${day} Azure accepts a ${grain} budget starting from ${earliest} to ${latest}; leave startDate out to start this month`;
  }
  return undefined;
}

/** The start date a budget is created with: the one given, else the first of the current month. */
export function defaultStartDate(startDate: string | undefined, day: string = today()): string {
  return startDate ?? firstOfMonth(day);
}
