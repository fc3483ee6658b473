import { z } from "zod";
import { LOGICAL_NAME_RULE } from "../../components/internal";
import { armId, documented, entryGuards, exampleIds, logicalName, optional, resourceGroupKey } from "./primitives";
import { keyVaultSettings, monitoringSettings, registrySettings, storageSettings } from "./storage";
import { sharedAccessSchema } from "./access";

/** The shared associated set (`shared`) and a workspace's reference to one (`sharedResources`). */

const sharedIdsSchema = z.strictObject({
  storageAccount: documented(
    armId("storageAccount"),
    "ARM id of the shared storage account: the workspace's default storage (checked like one).",
    { examples: [exampleIds.storageAccount] },
  ),
  keyVault: documented(armId("keyVault"), "ARM id of the shared key vault.", { examples: [exampleIds.keyVault] }),
  applicationInsights: documented(armId("applicationInsights"), "ARM id of the shared Application Insights component.", {
    examples: [exampleIds.applicationInsights],
  }),
  containerRegistry: optional(
    armId("containerRegistry"),
    "ARM id of the shared container registry. Defaults to none: Azure ML creates one on the first image build.",
    { examples: [exampleIds.containerRegistry] },
  ),
  logAnalyticsWorkspace: optional(
    armId("logAnalyticsWorkspace"),
    "ARM id of the Log Analytics workspace behind Application Insights, for diagnostic settings. Defaults to none (no diagnostics).",
    { examples: [exampleIds.logAnalyticsWorkspace] },
  ),
});
const STACK_REF = /^(?:[A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/;
export const sharedChoiceSchema = z
  .strictObject({
    stack: documented(
      z.string().regex(STACK_REF, "must be a stack name, optionally qualified as <org>/<project>/<stack>").optional(),
      "A stack that exports the shared ids (`storageAccountId`, `keyVaultId`, ...), read by StackReference. Exclusive with `ids`.",
      { examples: ["shared", "contoso/azure-ml-workspaces/shared"] },
    ),
    ids: optional(sharedIdsSchema, "The shared resources' ARM ids, given directly. Exclusive with `stack`.", {
      examples: [
        { storageAccount: exampleIds.storageAccount, keyVault: exampleIds.keyVault, applicationInsights: exampleIds.applicationInsights },
      ],
    }),
  })
  .refine((s) => (s.stack === undefined) !== (s.ids === undefined), "set exactly one of 'stack' (a stack that exports the ids) or 'ids'");
export const sharedSchema = z.strictObject({
  name: documented(logicalName, `Logical name of the shared set; the Azure names derive from it: ${LOGICAL_NAME_RULE}.`, {
    examples: ["ml-shared"],
  }),
  ...entryGuards,
  resourceGroup: resourceGroupKey,
  storage: optional(storageSettings, "The shared storage account, the default storage of every workspace on the set (checked like one).", {
    default: { skuName: "Standard_LRS", kind: "StorageV2" },
    examples: [{ skuName: "Standard_ZRS" }],
  }),
  keyVault: optional(keyVaultSettings, "The shared key vault (RBAC authorization, purge protection).", {
    default: { skuName: "standard", softDeleteRetentionInDays: 90 },
    examples: [{ skuName: "premium" }],
  }),
  monitoring: optional(monitoringSettings, "The shared Log Analytics workspace and Application Insights.", {
    default: { retentionInDays: 30 },
    examples: [{ retentionInDays: 90 }],
  }),
  containerRegistry: optional(registrySettings, "The shared container registry (admin user off).", {
    default: { skuName: "Basic" },
    examples: [{ skuName: "Premium" }],
  }),
  locks: optional(z.boolean(), "`CanNotDelete` management locks on the storage, key vault, Log Analytics workspace and registry.", {
    default: true,
  }),
  access: optional(
    z.array(sharedAccessSchema),
    "Group role bindings on the shared resources (the data-plane roles teams need, see docs/access.md). Defaults to none.",
    { examples: [[{ group: "ml-platform", role: "Storage Blob Data Contributor", resource: "storage" }]] },
  ),
});
