import { z } from "zod";
import { PROJECT_FORBIDDEN_KEYS } from "../../components";
import { REFUSED_KEY } from "../configMessages";
import { NETWORK_KEYS_FROM_HUB } from "../networkConfig";
import { PROJECT_KEYS_OF_HUB_COMPUTE, hubComputeKeys } from "../computeConfig";
import { armId, documented, entryGuards, exampleIds, optional, resourceGroupName, tagsSchema } from "./primitives";
import { accessEntrySchema, accountWideFileAccess } from "./access";
import { workspaceBase } from "./workspace";

/** A hub (kind Hub) and its projects. */

/** Project keys that belong to the hub get their own message rather than "unknown key". */
const FROM_HUB = "it inherits storage, key vault, registry, Application Insights and managed network from its hub; set it on the hub";
const PROJECT_KEYS_OF_HUB: Record<string, string> = {
  ...Object.fromEntries([...PROJECT_FORBIDDEN_KEYS, "sharedResources", "monitoring", "storage"].map((key) => [key, FROM_HUB])),
  resourceGroup: "a project lives in its hub's resource group",
  datastores: "datastores belong to a workspace; projects use their hub's storage",
  ...NETWORK_KEYS_FROM_HUB,
  ...PROJECT_KEYS_OF_HUB_COMPUTE,
};
const inheritedFromHub = Object.fromEntries(
  Object.keys(PROJECT_KEYS_OF_HUB).map((key) => [key, z.unknown().optional().describe(REFUSED_KEY)]),
);
export const projectSchema = z
  .strictObject({
    name: workspaceBase.name,
    ...entryGuards,
    friendlyName: workspaceBase.friendlyName,
    description: workspaceBase.description,
    identity: workspaceBase.identity,
    sku: workspaceBase.sku,
    publicNetworkAccess: documented(
      workspaceBase.publicNetworkAccess,
      "Whether the project is reachable without private endpoints. Suspending the project or its hub forces `Disabled`.",
      { default: "Enabled", examples: ["Disabled"] },
    ),
    tags: optional(tagsSchema, "Tags on the project, merged over the hub's and the stack-wide tags. Defaults to none.", {
      examples: [{ project: "churn" }],
    }),
    access: optional(
      z.array(accessEntrySchema),
      "Group role bindings on the project (or the hub's resource group); each group also gets Reader on the hub. Defaults to none.",
      { examples: [[{ group: "churn-team", role: "AzureML Data Scientist" }]] },
    ),
    suspended: optional(z.boolean(), "Removes the project's group bindings and disables its public network access.", { default: false }),
    accountWideFileAccess,
    ...inheritedFromHub,
  })
  .superRefine((project, ctx) => {
    for (const [key, reason] of Object.entries(PROJECT_KEYS_OF_HUB)) {
      if ((project as Record<string, unknown>)[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `a project cannot set '${key}': ${reason}` });
      }
    }
  });

export const hubSchema = z.strictObject({
  ...workspaceBase,
  additionalWorkspaceStorageAccounts: optional(
    z.array(armId("storageAccount")),
    "Extra storage accounts (ARM ids) its projects may use; not checked as default storage. Defaults to none.",
    { examples: [[exampleIds.storageAccount]] },
  ),
  defaultProjectResourceGroup: optional(
    resourceGroupName,
    "Resource group (its name) where projects created in the portal land; sent to Azure as its ARM id. Defaults to the hub's.",
    { examples: ["rg-research-projects"] },
  ),
  ...hubComputeKeys,
  projects: optional(
    z.array(projectSchema),
    "Projects on the hub, in its resource group and region. A project cannot set what it inherits from the hub (storage, key vault, registry, monitoring, managed network, shared resources, resource group, datastores). Defaults to none.",
    { examples: [[{ name: "churn" }]] },
  ),
  // After `projects`: a mistyped `project` is suggested as `projects`, not `protect`.
  ...entryGuards,
});
