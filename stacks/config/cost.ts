import { z } from "zod";
import { budgetConfigSchema } from "../../components/internal";
import { doc, optional } from "./primitives";

/** Cost keys of a workspace or hub: its budget and usage workbook. */

export const budgetKey = optional(
  budgetConfigSchema,
  "A cost budget on the resource group, with notifications on actual and forecast spend. Defaults to none.",
  {
    examples: [{ amount: 500, contactEmails: ["team-x@contoso.com"] }],
    keys: {
      amount: doc("Amount per time grain, in the billing currency; a finite number above 0.", { examples: [500] }),
      timeGrain: doc("Period the amount applies to.", { default: "Monthly", examples: ["Quarterly"] }),
      startDate: doc(
        "First day tracked, `YYYY-MM-01` (quote it in YAML), within Azure's window on the day it is checked: from the start of the current time grain to twelve months ahead. Used at creation only; later changes are ignored.",
        { default: "the first of the current month", examples: ["2027-01-01"] },
      ),
      actualThresholds: doc("Percentages (above 0, up to 1000) of the amount actually spent that notify.", {
        default: [80, 100],
        examples: [[50, 90, 100]],
      }),
      forecastThresholds: doc("Percentages of the forecast spend that notify. At most 5 notifications in all.", {
        default: [100],
        examples: [[110]],
      }),
      contactEmails: doc(
        "Who is notified by email (at most 50). At least one email or action group is needed when there are notifications.",
        {
          examples: [["team-x@contoso.com"]],
        },
      ),
      actionGroupIds: doc("Azure Monitor action groups (ARM ids, at most 50) notified as well. Defaults to none.", {
        examples: [
          ["/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ops/providers/Microsoft.Insights/actionGroups/ml-cost"],
        ],
      }),
    },
  },
);

export const usageWorkbookKey = optional(
  z.boolean(),
  "An Azure Monitor workbook of the workspace's use (jobs, compute clusters and instances, billed ingestion: what its diagnostic setting collects). Created only where diagnostics reach a Log Analytics workspace.",
  { default: true },
);
