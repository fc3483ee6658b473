import * as pulumi from "@pulumi/pulumi";
import * as consumption from "@pulumi/azure-native/consumption";
import * as naming from "../naming";
import { BudgetTimeGrain, armStartDate, assertBudgetArgs, defaultStartDate, notificationPlan } from "./budgetRules";

export interface WorkspaceBudgetArgs {
  /** What the budget tracks: the workspace's resource group id (`/subscriptions/<sub>/resourceGroups/<name>`). */
  readonly scope: pulumi.Input<string>;
  /** Logical name; the budget is named `budget-<name>` (1-63 letters, digits, `_` or `-`). */
  readonly name: string;
  /** Amount per time grain, in the billing currency. Must be above 0. */
  readonly amount: number;
  /** Defaults to `Monthly`. */
  readonly timeGrain?: BudgetTimeGrain;
  /**
   * First day tracked, `YYYY-MM-01`, within Azure's window on the day it is created (from the start of the current
   * time grain to twelve months ahead). Defaults to the first of the current month (`AZURE_ML_WORKSPACES_TODAY`
   * pins the date). Only the creation uses it: later changes are ignored, so the budget never churns.
   */
  readonly startDate?: string;
  /** Percentages of the amount actually spent that notify. Defaults to `[80, 100]`. */
  readonly actualThresholds?: number[];
  /** Percentages of the forecast spend that notify. Defaults to `[100]`. At most 5 notifications in all. */
  readonly forecastThresholds?: number[];
  /** Who gets notified by email. Defaults to none; at least one email or action group is required. */
  readonly contactEmails?: string[];
  /** Azure Monitor action groups (ARM ids) notified as well. Defaults to none. */
  readonly actionGroupIds?: pulumi.Input<string>[];
}

/**
 * A cost budget on a workspace's resource group, with email / action-group notifications on actual and
 * forecast spend. Everything in the group counts: workspace, associated resources and compute.
 */
export class WorkspaceBudget extends pulumi.ComponentResource {
  public readonly budget: consumption.Budget;
  public readonly budgetId: pulumi.Output<string>;
  /** Physical name, known before deployment. */
  public readonly budgetName: string;

  constructor(name: string, args: WorkspaceBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    assertBudgetArgs(name, args);
    super("azure-ml-workspaces:cost:WorkspaceBudget", name, {}, opts);
    this.budgetName = naming.budgetName(args.name);
    const contactEmails = args.contactEmails ?? [];
    const contactGroups = args.actionGroupIds ?? [];
    const notifications = Object.fromEntries(
      notificationPlan(args.actualThresholds, args.forecastThresholds).map((n) => [
        n.key,
        { enabled: true, operator: "GreaterThan", threshold: n.threshold, thresholdType: n.thresholdType, contactEmails, contactGroups },
      ]),
    );
    this.budget = new consumption.Budget(
      naming.childName(name, "budget"),
      {
        scope: args.scope,
        budgetName: this.budgetName,
        amount: args.amount,
        category: "Cost",
        timeGrain: args.timeGrain ?? "Monthly",
        timePeriod: { startDate: armStartDate(defaultStartDate(args.startDate)) },
        notifications,
      },
      // docs/azure-rules/budgets.md AZ-BUDGET-02: the start date is fixed at creation; a later month must not replace it.
      { parent: this, ignoreChanges: ["timePeriod.startDate"] },
    );
    this.budgetId = this.budget.id;
    this.registerOutputs({ budgetId: this.budgetId });
  }
}
