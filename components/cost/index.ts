/**
 * Budgets, the usage workbook and idle-cost estimates, with the pure helpers behind them. Listed one by one: the
 * budget config schema (zod) stays internal so the public declarations do not expose zod's types.
 */
export {
  BUDGET_TIME_GRAINS,
  DEFAULT_ACTUAL_THRESHOLDS,
  DEFAULT_FORECAST_THRESHOLDS,
  MAX_CONTACTS,
  MAX_NOTIFICATIONS,
  TODAY_ENV,
  armStartDate,
  assertBudgetArgs,
  budgetIssues,
  defaultStartDate,
  firstOfMonth,
  notificationPlan,
  startDateWindow,
  today,
  type BudgetRuleInput,
  type BudgetTimeGrain,
  type PlannedNotification,
} from "./budgetRules";
export { WorkspaceBudget, type WorkspaceBudgetArgs } from "./budget";
export {
  USAGE_TABLES,
  kqlString,
  tableOrEmpty,
  usageQueries,
  type UsageQueries,
  type UsageQueryIds,
  type UsageTable,
} from "./usageQueries";
export {
  TIME_RANGE_PARAMETER,
  USAGE_WORKBOOK_NAMESPACE,
  assertUsageWorkbookIds,
  usageWorkbookDocument,
  usageWorkbookJson,
  usageWorkbookName,
  type UsageWorkbookContentInput,
  type UsageWorkbookNameInput,
  type WorkbookDocument,
} from "./workbookContent";
export { UsageWorkbook, type UsageWorkbookArgs } from "./usageWorkbook";
export {
  PRICING_PAGES,
  idleCosts,
  type ChargeBasis,
  type IdleCostItem,
  type IdleCostReport,
  type IdleResource,
  type Ownership,
  type RegistrySku,
  type WorkspaceFootprint,
} from "./idleCost";
export { footprintFromSettings, type WorkspaceCostSettings } from "./footprint";
