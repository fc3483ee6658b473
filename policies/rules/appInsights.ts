import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { AppInsightsComponent } from "../lib/resourceTypes";
import { isSet } from "../lib/values";

/**
 * @why Classic Application Insights is retired; workspace-based components keep telemetry in Log Analytics with the
 * workspace's other logs.
 */
export const appInsightsWorkspaceBased: ResourceValidationPolicy = {
    name: "aml-appinsights-workspace-based",
    description: "Application Insights components must be workspace-based (workspaceResourceId set to a Log Analytics workspace).",
    severity: "low",
    remediationSteps: "Create an operationalinsights.Workspace and pass its id as workspaceResourceId.",
    validateResource: validateResourceOfType(AppInsightsComponent, (props, _args, report) => {
        // An unknown id (a new Log Analytics workspace's output) is set: isSet does not throw for it.
        if (!isSet(props, "workspaceResourceId")) {
            report("workspaceResourceId is not set (classic Application Insights is retired).");
        }
    }),
};
