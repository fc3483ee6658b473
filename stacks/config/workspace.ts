import { z } from "zod";
import { WORKSPACE_SKUS } from "../../components";
import { LOGICAL_NAME_RULE } from "../../components/internal";
import { networkKeys } from "../networkConfig";
import { computeKeys } from "../computeConfig";
import { armId, documented, entryGuards, exampleIds, existing, logicalName, optional, resourceGroupKey, tagsSchema } from "./primitives";
import { associatedPublicAccess, keyVaultSettings, monitoringSettings, registrySettings, storageSettings } from "./storage";
import { managedNetworkSchema } from "./network";
import { accessEntrySchema, accountWideFileAccess, identitySchema } from "./access";
import { sharedChoiceSchema } from "./shared";
import { budgetKey, usageWorkbookKey } from "./cost";
import { datastoreListSchema } from "./datastores";
import { featureStoreKey } from "../featureStoreConfig";

/** A workspace (kind Default) and the settings it shares with a hub. */

/** Settings a workspace and a hub share. */
export const workspaceBase = {
  name: documented(
    logicalName,
    `Logical name, unique in the stack; the Azure names derive from it (or from its first alias): ${LOGICAL_NAME_RULE}.`,
    {
      examples: ["team-x"],
    },
  ),
  locks: optional(
    z.boolean(),
    "`CanNotDelete` locks on the dedicated storage, key vault, Log Analytics workspace, registry and datastore accounts. Needs Microsoft.Authorization/locks/write (Owner or User Access Administrator).",
    { default: false, examples: [true] },
  ),
  resourceGroup: resourceGroupKey,
  sharedResources: optional(
    sharedChoiceSchema,
    "Use a precreated associated set (see `shared`) instead of dedicated resources; exclusive with `storage`, `keyVault`, `monitoring` and `containerRegistry`. Defaults to dedicated resources.",
    { examples: [{ stack: "shared" }] },
  ),
  storage: optional(
    z.union([
      existing("storageAccount"),
      storageSettings.extend({ publicNetworkAccess: associatedPublicAccess("`blob` and `file` endpoints") }),
    ]),
    "The default storage account: settings for a new one, or `{ existingId }` (looked up and checked like a new one).",
    { default: { skuName: "Standard_LRS", kind: "StorageV2" }, examples: [{ skuName: "Standard_ZRS" }] },
  ),
  keyVault: optional(
    z.union([existing("keyVault"), keyVaultSettings.extend({ publicNetworkAccess: associatedPublicAccess("a `vault` endpoint") })]),
    "The key vault: settings for a new one (RBAC authorization, purge protection), or `{ existingId }`.",
    { default: { skuName: "standard", softDeleteRetentionInDays: 90 }, examples: [{ softDeleteRetentionInDays: 30 }] },
  ),
  monitoring: optional(
    z.union([
      z.strictObject({
        existingApplicationInsightsId: documented(armId("applicationInsights"), "ARM id of an existing Application Insights component.", {
          examples: [exampleIds.applicationInsights],
        }),
        existingLogAnalyticsWorkspaceId: optional(
          armId("logAnalyticsWorkspace"),
          "Its Log Analytics workspace, for diagnostic settings and the usage workbook. Defaults to none (no diagnostics).",
          { examples: [exampleIds.logAnalyticsWorkspace] },
        ),
      }),
      monitoringSettings,
    ]),
    "Application Insights on a Log Analytics workspace: settings for new ones, or existing ones by id.",
    { default: { retentionInDays: 30 }, examples: [{ retentionInDays: 90, dailyQuotaGb: 5 }] },
  ),
  containerRegistry: optional(
    z.union([
      existing("containerRegistry"),
      registrySettings.extend({
        publicNetworkAccess: associatedPublicAccess("a `registry` endpoint", "; only the `Premium` tier takes it"),
      }),
      z.literal(false),
    ]),
    "The container registry: settings for a new one (admin user off), `{ existingId }`, or `false` to let Azure ML create one on the first image build.",
    { default: { skuName: "Basic" }, examples: [false] },
  ),
  identity: optional(identitySchema, "The workspace's managed identities.", {
    default: { systemAssigned: true },
    examples: [{ userAssignedIdentityIds: [exampleIds.userAssignedIdentity] }],
  }),
  publicNetworkAccess: optional(
    z.enum(["Enabled", "Disabled"]),
    "Whether the studio and APIs are reachable without private endpoints. Defaults to `Disabled` with `privateEndpoint`, else `Enabled`; `Disabled` needs `privateEndpoint` or `privateAccessElsewhere`. `suspended: true` forces `Disabled`.",
    { default: "Enabled", examples: ["Disabled"] },
  ),
  ...networkKeys,
  managedNetwork: optional(managedNetworkSchema, "The managed virtual network of compute.", {
    default: { isolationMode: "AllowInternetOutbound" },
    examples: [{ isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", destination: "pypi.org" } } }],
  }),
  sku: optional(z.enum(WORKSPACE_SKUS), "Workspace SKU.", { default: "Basic", examples: ["Basic"] }),
  friendlyName: optional(z.string().max(256), "Display name in the studio (at most 256 characters). Defaults to none.", {
    examples: ["Team X experiments"],
  }),
  description: optional(z.string().max(1024), "Description shown in the studio (at most 1024 characters). Defaults to none.", {
    examples: ["Forecasting models of team X"],
  }),
  diagnostics: optional(z.boolean(), "Diagnostic settings (all logs, all metrics) to the Log Analytics workspace, when there is one.", {
    default: true,
  }),
  tags: optional(tagsSchema, "Tags on the workspace and everything created for it, merged over the stack-wide `tags`. Defaults to none.", {
    examples: [{ owner: "team-x@contoso.com" }],
  }),
  access: optional(z.array(accessEntrySchema), "Group role bindings (role assignments with principalType Group). Defaults to none.", {
    examples: [[{ group: "data-scientists", role: "AzureML Data Scientist" }]],
  }),
  suspended: optional(
    z.boolean(),
    "The DENY switch: removes the group bindings (and the data-plane roles derived from them) and disables public network access; `false` restores both.",
    { default: false },
  ),
  accountWideFileAccess,
  budget: budgetKey,
  usageWorkbook: usageWorkbookKey,
};

export const workspaceSchema = z.strictObject({
  ...workspaceBase,
  hbi: optional(
    z.boolean(),
    "High business impact: less diagnostic data sent to Microsoft, encrypted local scratch disks; set at creation only.",
    { default: false },
  ),
  systemDatastoresAuthMode: optional(
    z.enum(["identity", "accesskey"]),
    "How the system datastores authenticate; `identity` stores no account keys in the workspace.",
    { default: "identity", examples: ["identity"] },
  ),
  datastores: optional(
    datastoreListSchema,
    "Extra datastores authenticated by the workspace identity; names are unique ignoring case. Defaults to none.",
    { examples: [[{ name: "raw_data", type: "adlsgen2", container: "raw", storageAccountId: exampleIds.storageAccount }]] },
  ),
  featureStore: featureStoreKey,
  ...entryGuards,
  ...computeKeys,
});
