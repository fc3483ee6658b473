import * as pulumi from "@pulumi/pulumi";
import { UsageWorkbook, WorkspaceBudget, footprintFromSettings, IdleCostReport, idleCosts } from "../components";
import { ComputeCostSettings, computeIdleItems } from "../components/internal";
import { HubConfig, WorkspaceConfig } from "./config";

/** What the program knows of a deployed workspace or hub, for its budget and usage workbook. */
export interface CostTarget {
  config: WorkspaceConfig | HubConfig;
  resourceGroupName: pulumi.Input<string>;
  resourceGroupId: pulumi.Input<string>;
  location: string;
  tags: Record<string, string>;
  workspaceId: pulumi.Input<string>;
  /** The Log Analytics workspace its diagnostics reach (`AssociatedResources.logAnalyticsWorkspaceId`); none: no workbook. */
  logAnalyticsWorkspaceId: pulumi.Output<string> | undefined;
  storageAccountId: pulumi.Input<string>;
}

/** Budget, usage workbook and the idle-cost list of one workspace or hub; returns the list for the stack outputs. */
export function addCostVisibility(target: CostTarget): IdleCostReport {
  const { config } = target;
  const footprint = footprintFromSettings(config);
  if (config.budget) {
    new WorkspaceBudget(`${config.name}-budget`, { scope: target.resourceGroupId, name: config.name, ...config.budget });
  }
  // The workbook reads the workspace's diagnostic logs: only where they reach a Log Analytics workspace.
  const logAnalyticsWorkspaceId = config.diagnostics !== false ? target.logAnalyticsWorkspaceId : undefined;
  if ((config.usageWorkbook ?? true) && logAnalyticsWorkspaceId) {
    new UsageWorkbook(`${config.name}-usage`, {
      resourceGroupName: target.resourceGroupName,
      location: target.location,
      key: config.name,
      tags: target.tags,
      workspaceResourceId: target.workspaceId,
      logAnalyticsWorkspaceId,
      // docs/azure-rules/monitoring.md AZ-MON-01: no setting here sends storage metrics, so no storage chart.
    });
  }
  const report = idleCosts(footprint);
  // Computes live in the workspace's resource group, so its budget covers them too.
  const computes = config.computes as ComputeCostSettings | undefined;
  return { ...report, items: [...report.items, ...computeIdleItems(computes)] };
}
