import { z } from "zod";
import { ARM_NAME_RULES, LOGICAL_NAME, LOGICAL_NAME_RULE } from "../components/naming";
import { ARM_TYPES, ArmTypeKey } from "../components/armId";
import { defaultStorageProblems } from "../components/defaultStorage";
import { budgetConfigSchema } from "../components/cost/budgetRules";
import { ISOLATION_MODES, PROJECT_FORBIDDEN_KEYS, WORKSPACE_SKUS } from "../components/workspaceSettings";
import { ANY_ARM_ID, ANY_ARM_ID_RULE, RESOURCE_GROUP_RULE, armIdProblem } from "./idRules";
import { REFUSED_KEY } from "./configMessages";
import { NETWORK_KEYS_FROM_HUB, networkKeys } from "./networkConfig";
import { ruleTypeProblem } from "../components/network/privateLink";
import { BLOB_PROTECTION_DEFAULTS, RETENTION_DAYS, VERSIONING_HNS_RULE } from "../components/blobProtection";
import { PROJECT_KEYS_OF_HUB_COMPUTE, computeKeys, hubComputeKeys } from "./computeConfig";
import {
  ConfigIssue,
  LocatedBinding,
  bindingSpecSchema,
  checkBindings,
  checkCustomRoleKeys,
  customRoleSpecSchema,
  groupSpecSchema,
} from "../components/access/accessModel";

/** The stack config schema (namespace `azure-ml-workspaces:`): shapes here, cross-references in `validate.ts`. */

export const NAMESPACE = "azure-ml-workspaces";

/**
 * A key's documentation, attached with `.meta()` (a copy of the schema that parses the same): docs/config-reference.md
 * is generated from it (`npm run docs`). `keys` documents the fields of a schema defined elsewhere, by relative path.
 */
export type KeyDoc = {
  description: string;
  default?: unknown;
  examples?: unknown[];
  keys?: Record<string, KeyDoc>;
};
type MoreDoc = Omit<KeyDoc, "description">;
const doc = (description: string, more: MoreDoc = {}): KeyDoc => ({ description, ...more });
/** `schema` with its documentation. */
const documented = <T extends z.ZodType>(schema: T, description: string, more?: MoreDoc): T => schema.meta(doc(description, more));
/** `schema.optional()` with its documentation: what most keys are. */
const optional = <T extends z.ZodType>(schema: T, description: string, more?: MoreDoc) => schema.optional().meta(doc(description, more));

const ARM = "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ml-shared/providers";
const exampleIds = {
  storageAccount: `${ARM}/Microsoft.Storage/storageAccounts/stmlshared01`,
  keyVault: `${ARM}/Microsoft.KeyVault/vaults/kv-ml-shared-01`,
  applicationInsights: `${ARM}/Microsoft.Insights/components/appi-ml-shared`,
  containerRegistry: `${ARM}/Microsoft.ContainerRegistry/registries/crmlshared01`,
  logAnalyticsWorkspace: `${ARM}/Microsoft.OperationalInsights/workspaces/log-ml-shared`,
  userAssignedIdentity: `${ARM}/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-team-a`,
  subnet:
    "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/serverless",
};

const logicalName = z
  .string({ error: (iss) => (iss.input === undefined ? `is required: ${LOGICAL_NAME_RULE}` : undefined) })
  .regex(LOGICAL_NAME, `${LOGICAL_NAME_RULE} (the Azure names derive from it)`);
const armId = (type: ArmTypeKey) =>
  z.string().superRefine((id, ctx) => {
    const problem = armIdProblem(id, type);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const resourceGroupName = z.string().regex(ARM_NAME_RULES.resourceGroup, RESOURCE_GROUP_RULE);

const TAG_KEY = /^[^<>%&\\?/]{1,128}$/;
const TAG_KEY_RULE = "tag names are 1-128 characters without < > % & \\ ? /";
const MAX_TAGS = 50;
const tagsSchema = z
  .record(z.string().regex(TAG_KEY, TAG_KEY_RULE), z.string().max(256, "tag values are at most 256 characters"))
  .superRefine((tags, ctx) => {
    const keys = Object.keys(tags);
    if (keys.length > MAX_TAGS) ctx.addIssue({ code: "custom", message: `at most ${MAX_TAGS} tags per resource (got ${keys.length})` });
    const seen = new Map<string, string>();
    for (const key of keys) {
      const twin = seen.get(key.toLowerCase());
      if (twin !== undefined)
        ctx.addIssue({ code: "custom", path: [key], message: `tag names ignore case in Azure: "${key}" and "${twin}" are the same tag` });
      else seen.set(key.toLowerCase(), key);
    }
  });

export const STORAGE_SKUS = [
  "Standard_LRS",
  "Standard_GRS",
  "Standard_RAGRS",
  "Standard_ZRS",
  "Standard_GZRS",
  "Standard_RAGZRS",
  "Premium_LRS",
  "Premium_ZRS",
  "StandardV2_LRS",
  "StandardV2_GRS",
  "StandardV2_ZRS",
  "StandardV2_GZRS",
  "PremiumV2_LRS",
  "PremiumV2_ZRS",
] as const;
export const STORAGE_KINDS = ["Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage"] as const;

const retentionDays = (what: string, days: number) =>
  optional(
    z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
    `Days a deleted ${what} stays recoverable (${RETENTION_DAYS.min}-${RETENTION_DAYS.max}).`,
    { default: days, examples: [30] },
  );
/** docs/azure-rules/data-protection.md AZ-DATA-01 */
const dataProtectionSchema = z.strictObject({
  blobSoftDeleteDays: retentionDays("or overwritten blob", BLOB_PROTECTION_DEFAULTS.blobSoftDeleteDays),
  containerSoftDeleteDays: retentionDays("container", BLOB_PROTECTION_DEFAULTS.containerSoftDeleteDays),
  versioning: optional(
    z.boolean(),
    "Keep previous versions of every blob. Not supported with hierarchical namespace, where it stays off.",
    {
      default: "true, false with hierarchical namespace",
      examples: [false],
    },
  ),
});
const dataProtection = optional(dataProtectionSchema, "Blob soft delete, container soft delete and blob versioning of the account.", {
  default: { blobSoftDeleteDays: 7, containerSoftDeleteDays: 7, versioning: true },
  examples: [{ blobSoftDeleteDays: 30 }],
});

const storageSettings = z.strictObject({
  skuName: optional(z.enum(STORAGE_SKUS), "Storage SKU. A workspace's default storage must not be premium (`Premium_*`, `PremiumV2_*`).", {
    default: "Standard_LRS",
    examples: ["Standard_ZRS"],
  }),
  kind: optional(z.enum(STORAGE_KINDS), "Account kind. A default storage needs Blob and File: `StorageV2` or `Storage`.", {
    default: "StorageV2",
    examples: ["StorageV2"],
  }),
  isHnsEnabled: optional(
    z.boolean(),
    "Hierarchical namespace (ADLS Gen2). Refused for a default storage: attach such an account as a datastore.",
    { default: false, examples: [false] },
  ),
  allowSharedKeyAccess: optional(
    z.boolean(),
    "Account-key access. Off by default: datastores and the workspace authenticate by identity.",
    { default: false },
  ),
  dataProtection,
});
const keyVaultSettings = z.strictObject({
  skuName: optional(z.enum(["standard", "premium"]), "Key vault SKU; `premium` adds HSM-backed keys.", {
    default: "standard",
    examples: ["premium"],
  }),
  softDeleteRetentionInDays: optional(
    z.number().int().min(7).max(90),
    "Days a deleted vault stays recoverable (and its name reserved); fixed at creation.",
    { default: 90, examples: [30] },
  ),
});
const monitoringSettings = z.strictObject({
  retentionInDays: optional(z.number().int().min(30).max(730), "Log Analytics retention in days.", { default: 30, examples: [90] }),
  dailyQuotaGb: optional(z.number().positive(), "Daily Log Analytics ingestion cap in GB. Defaults to no cap.", { examples: [5] }),
});
const registrySettings = z.strictObject({
  skuName: optional(z.enum(["Basic", "Standard", "Premium"]), "Container registry SKU; private link needs `Premium`.", {
    default: "Basic",
    examples: ["Premium"],
  }),
});
const existing = (type: ArmTypeKey) =>
  z.strictObject({
    existingId: documented(armId(type), `ARM id of an existing \`${ARM_TYPES[type]}\` to use instead of creating one.`, {
      examples: [exampleIds[type as keyof typeof exampleIds]],
    }),
  });

const resourceGroupSchema = z.strictObject({
  name: documented(resourceGroupName, "Resource group name (1-90 letters, digits, `_ - . ( )`, not ending with a period).", {
    examples: ["rg-team-x"],
  }),
  existing: optional(z.boolean(), "Use an existing group of that name instead of creating one.", { default: false }),
});

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
const sharedChoiceSchema = z
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

/** A host name, optionally with a leading wildcard label: what an FQDN rule's firewall matches (no scheme, path or port). */
const FQDN = /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/;
const fqdnDestination = z.string().regex(FQDN, "must be a host name such as pypi.org or *.anaconda.com (no scheme, path or port)");
const ruleType = <T extends string>(type: T, what: string) => documented(z.literal(type), `Rule kind: \`${type}\` ${what}.`);
const outboundRuleSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: ruleType("FQDN", "allows a host name (needs isolationMode AllowOnlyApprovedOutbound, which bills an Azure Firewall)"),
    destination: documented(fqdnDestination, "Host name the rule allows, optionally with a leading `*.` label; no scheme, path or port.", {
      examples: ["pypi.org", "*.anaconda.com"],
    }),
    category: optional(z.enum(["UserDefined", "Required", "Recommended"]), "Rule category as Azure ML shows it.", {
      default: "UserDefined",
      examples: ["UserDefined"],
    }),
  }),
  z.strictObject({
    type: ruleType("PrivateEndpoint", "reaches an Azure resource through a managed private endpoint"),
    serviceResourceId: documented(z.string().regex(ANY_ARM_ID, ANY_ARM_ID_RULE), "ARM id of the resource the private endpoint targets.", {
      examples: [exampleIds.storageAccount],
    }),
    subresourceTarget: documented(z.string().min(1), "Sub-resource (group id) of the target, e.g. `blob`, `file`, `vault`, `registry`.", {
      examples: ["blob"],
    }),
    sparkEnabled: optional(z.boolean(), "Also open the endpoint to serverless Spark.", { default: false }),
    fqdns: optional(z.array(z.string()), "Host names to map to the endpoint. Defaults to none.", {
      examples: [["mydata.blob.core.windows.net"]],
    }),
  }),
  z.strictObject({
    type: ruleType("ServiceTag", "allows an Azure service tag (needs isolationMode AllowOnlyApprovedOutbound)"),
    serviceTag: documented(z.string().min(1), "Azure service tag.", { examples: ["AzureMachineLearning"] }),
    protocol: documented(z.string().min(1), "Protocol: `TCP`, `UDP`, `ICMP` or `*`.", { examples: ["TCP"] }),
    portRanges: documented(z.string().min(1), "Ports, e.g. `443` or `80,443` or `8000-8999`.", { examples: ["443"] }),
    action: optional(z.enum(["Allow", "Deny"]), "Allow or deny the traffic.", { default: "Allow", examples: ["Allow"] }),
  }),
]);
const managedNetworkSchema = z
  .strictObject({
    isolationMode: optional(
      z.enum(ISOLATION_MODES),
      "Managed network isolation. It cannot be disabled again once enabled; `AllowOnlyApprovedOutbound` allows only the outbound rules (plus Azure ML's required ones).",
      { default: "AllowInternetOutbound", examples: ["AllowOnlyApprovedOutbound"] },
    ),
    outboundRules: documented(
      z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "rule names are 1-64 letters, digits, _ or -"), outboundRuleSchema).optional(),
      "Outbound rules by name (1-64 letters, digits, `_` or `-`). Defaults to none.",
      { examples: [{ pypi: { type: "FQDN", destination: "pypi.org" } }] },
    ),
  })
  .superRefine((network, ctx) => {
    for (const [ruleName, rule] of Object.entries(network.outboundRules ?? {})) {
      // docs/azure-rules/private-networking.md AZ-PE-03
      const mode = network.isolationMode ?? "AllowInternetOutbound";
      const problem = ruleTypeProblem(rule.type, mode);
      const path = mode === "Disabled" ? ["outboundRules", ruleName] : ["outboundRules", ruleName, "type"];
      if (problem) ctx.addIssue({ code: "custom", path, message: problem });
    }
  });

const identitySchema = z.strictObject({
  userAssignedIdentityIds: optional(
    z.array(armId("userAssignedIdentity")).min(1),
    "User-assigned managed identities (ARM ids). Defaults to none: a system-assigned identity only.",
    { examples: [[exampleIds.userAssignedIdentity]] },
  ),
  primaryUserAssignedIdentityId: optional(
    armId("userAssignedIdentity"),
    "The identity the workspace acts as; must be one of `userAssignedIdentityIds`. Defaults to the first of them.",
    { examples: [exampleIds.userAssignedIdentity] },
  ),
  systemAssigned: optional(
    z.boolean(),
    "Keep a system-assigned identity beside the user-assigned ones (Azure ML grants it its roles itself).",
    { default: true },
  ),
  primaryPrincipalId: optional(
    z.guid("must be a GUID (the identity's principal id)"),
    "Principal (object) id of the primary user-assigned identity, which gets the roles Azure ML documents for it. Defaults to a lookup of the identity.",
    { examples: ["0b6e4a2c-1d3f-4a5b-8c7d-9e0f1a2b3c4d"] },
  ),
});

/** Bindings on a workspace, hub or project: on the workspace itself or on its resource group. */
const accessEntrySchema = bindingSpecSchema.extend({ scope: z.enum(["workspace", "resourceGroup"]).optional() }).meta(
  doc("A role for a group.", {
    keys: {
      group: doc("A key of `groups`.", { examples: ["data-scientists"] }),
      role: doc("A built-in role's name (e.g. `AzureML Data Scientist`, `Reader`) or a key of `customRoles`; case is ignored.", {
        examples: ["AzureML Data Scientist"],
      }),
      scope: doc("Where the role is assigned: on the workspace (hub, project) itself or on its resource group.", {
        default: "workspace",
        examples: ["resourceGroup"],
      }),
    },
  }),
);

/** Keys of every entry with stateful resources: renames and protection. docs/azure-rules/data-protection.md AZ-DATA-04 */
const entryGuards = {
  aliases: optional(
    z.array(logicalName).min(1),
    "Former names of the entry, oldest first: renaming keeps the Pulumi resources (aliases) and every Azure name, which keeps deriving from the first name.",
    { examples: [["team-x-old"]] },
  ),
  protect: optional(
    z.boolean(),
    "`false` lets Pulumi delete or replace this entry's stateful resources (resource group, storage, containers, key vault, Log Analytics, registry, workspace): the explicit per-entry opt-in for sandboxes. The offline check reports it (policy aml-stateful-protected).",
    { default: true, examples: [false] },
  ),
};
const accountWideFileAccess = optional(
  z.boolean(),
  "Grant the data-scientist groups (AzureML Data Scientist, Azure AI Developer) Storage File Data Privileged Contributor on the whole default storage account when other workspaces share it (a shared set, or a hub's storage for projects). Azure Files roles cannot be narrowed to one workspace's shares, so without it those groups cannot use notebooks or compute instances with shared keys off; with it they can read every workspace's notebook files on that account. A workspace with its own storage gets the role on it without this key.",
  { default: false, examples: [true] },
);

/** Settings a workspace and a hub share. */
const workspaceBase = {
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
  resourceGroup: optional(resourceGroupSchema, "The resource group, created unless `existing`.", {
    default: { name: "rg-<name>" },
    examples: [{ name: "rg-team-x" }],
  }),
  sharedResources: optional(
    sharedChoiceSchema,
    "Use a precreated associated set (see `shared`) instead of dedicated resources; exclusive with `storage`, `keyVault`, `monitoring` and `containerRegistry`. Defaults to dedicated resources.",
    { examples: [{ stack: "shared" }] },
  ),
  storage: optional(
    z.union([existing("storageAccount"), storageSettings]),
    "The default storage account: settings for a new one, or `{ existingId }` (looked up and checked like a new one).",
    { default: { skuName: "Standard_LRS", kind: "StorageV2" }, examples: [{ skuName: "Standard_ZRS" }] },
  ),
  keyVault: optional(
    z.union([existing("keyVault"), keyVaultSettings]),
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
    z.union([existing("containerRegistry"), registrySettings, z.literal(false)]),
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
  budget: optional(
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
  ),
  usageWorkbook: optional(
    z.boolean(),
    "An Azure Monitor workbook of the workspace's use (jobs, compute clusters and instances, billed ingestion: what its diagnostic setting collects). Created only where diagnostics reach a Log Analytics workspace.",
    { default: true },
  ),
};

/** Azure ML creates these itself; a datastore of the same name would replace a system datastore. */
const SYSTEM_DATASTORES = ["workspaceblobstore", "workspacefilestore", "workspaceartifactstore", "workspaceworkingdirectory"];
const datastoreSchema = z
  .strictObject({
    name: documented(
      z
        .string()
        .regex(/^[A-Za-z0-9_]{1,255}$/, "datastore names are letters, digits and underscores")
        .refine((name) => !SYSTEM_DATASTORES.includes(name.toLowerCase()), `is a system datastore name (${SYSTEM_DATASTORES.join(", ")})`),
      "Datastore name in the workspace: letters, digits and underscores, not a system datastore's name.",
      { examples: ["raw_data"] },
    ),
    type: optional(z.enum(["blob", "adlsgen2"]), "Blob container or ADLS Gen2 file system.", { default: "blob", examples: ["adlsgen2"] }),
    container: documented(
      z
        .string()
        .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, "container names are 3-63 lowercase letters, digits and single hyphens"),
      "Blob container (or file system) name: 3-63 lowercase letters, digits and single hyphens.",
      { examples: ["raw"] },
    ),
    storageAccountId: optional(armId("storageAccount"), "An existing account (ARM id). Exclusive with `create`.", {
      examples: [exampleIds.storageAccount],
    }),
    create: optional(
      storageSettings.omit({ allowSharedKeyAccess: true }),
      "Create a dedicated account for the datastore; premium and hierarchical namespace are fine here. Exclusive with `storageAccountId`.",
      {
        examples: [{ skuName: "Premium_LRS", kind: "BlockBlobStorage", isHnsEnabled: true }],
        keys: {
          skuName: doc("Storage SKU; premium is fine for a datastore.", { default: "Standard_LRS", examples: ["Premium_LRS"] }),
          kind: doc("Account kind.", { default: "StorageV2", examples: ["BlockBlobStorage"] }),
          isHnsEnabled: doc("Hierarchical namespace (ADLS Gen2).", { default: "true for adlsgen2, else false" }),
        },
      },
    ),
  })
  .refine((d) => (d.storageAccountId === undefined) !== (d.create === undefined), "set exactly one of 'storageAccountId' or 'create'")
  .refine((d) => !(d.type === "adlsgen2" && d.create?.isHnsEnabled === false), {
    path: ["create", "isHnsEnabled"],
    message: "an adlsgen2 datastore needs an account with hierarchical namespace (leave isHnsEnabled out or set it true)",
  })
  .refine((d) => !(d.create?.dataProtection?.versioning === true && (d.create.isHnsEnabled ?? d.type === "adlsgen2")), {
    path: ["create", "dataProtection", "versioning"],
    message: VERSIONING_HNS_RULE,
  });
const datastoreListSchema = z.array(datastoreSchema).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((d, i) => {
    const first = seen.get(d.name.toLowerCase());
    if (first !== undefined)
      ctx.addIssue({
        code: "custom",
        path: [i, "name"],
        message: `duplicate datastore name: already used at datastores[${first}] (names ignore case)`,
      });
    else seen.set(d.name.toLowerCase(), i);
  });
});

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
  ...entryGuards,
  ...computeKeys,
});

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

const sharedAccessSchema = bindingSpecSchema
  .extend({
    resource: z.enum(["storage", "keyVault", "containerRegistry", "applicationInsights", "resourceGroup"]),
    allWorkspaces: z.boolean().optional(),
  })
  .meta(
    doc("A role for a group on one shared resource.", {
      keys: {
        group: doc("A key of `groups`.", { examples: ["ml-platform"] }),
        role: doc("A built-in role's name (e.g. `Storage Blob Data Contributor`) or a key of `customRoles`; case is ignored.", {
          examples: ["Storage Blob Data Contributor"],
        }),
        resource: doc("The shared resource the role is assigned on.", { examples: ["storage"] }),
        allWorkspaces: doc(
          "Required (true) for a data role (blob, file, secrets, images) on the shared storage, key vault or registry: it reaches every workspace's data on the set. Workspace stacks grant their groups what studio needs, scoped to their own workspace.",
          { default: false, examples: [true] },
        ),
      },
    }),
  );
export const sharedSchema = z.strictObject({
  name: documented(logicalName, `Logical name of the shared set; the Azure names derive from it: ${LOGICAL_NAME_RULE}.`, {
    examples: ["ml-shared"],
  }),
  ...entryGuards,
  resourceGroup: workspaceBase.resourceGroup,
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

export const configSchema = z.strictObject({
  workspaces: optional(
    z.array(workspaceSchema),
    "Azure ML workspaces (kind Default), each with dedicated or shared associated resources. Defaults to none.",
    { examples: [[{ name: "team-x", sharedResources: { stack: "shared" } }]] },
  ),
  hubs: optional(
    z.array(hubSchema),
    "Azure ML hubs (kind Hub) with their projects; a hub takes the same keys as a workspace except `hbi`, `systemDatastoresAuthMode` and `datastores`. Defaults to none.",
    { examples: [[{ name: "research", projects: [{ name: "churn" }] }]] },
  ),
  shared: optional(
    sharedSchema,
    "The associated set an IT admin creates once for other stacks' workspaces (`sharedResources`); its ids are stack outputs. Defaults to none.",
    { examples: [{ name: "ml-shared" }] },
  ),
  tags: optional(
    tagsSchema,
    "Stack-wide tags on every taggable resource, merged under per-workspace tags. Names ignore case; at most 50 per resource. Defaults to none.",
    { examples: [{ costCenter: "4711", owner: "team@contoso.com" }] },
  ),
  requiredTags: optional(
    z.array(z.string().regex(TAG_KEY, TAG_KEY_RULE)),
    "Tag names every workspace, hub and project must end up with (after merging); checked before anything is registered. Defaults to none.",
    { examples: [["costCenter", "owner"]] },
  ),
  nameSeed: optional(
    z.string().regex(/^[A-Za-z0-9-]{1,32}$/, "1-32 letters, digits or hyphens"),
    "Seed of the per-stack name suffix: set a new one to re-create a stack while soft-deleted names are still reserved. Changes every generated name.",
    { default: "<project>/<stack>", examples: ["2"] },
  ),
  protect: optional(
    z
      .boolean()
      .refine(
        (protect) => protect,
        "a stack-wide switch no longer unprotects stateful resources: set protect: false on each workspace, hub, project or shared entry that may lose its data",
      ),
    "Kept for old stack files: only `true` is accepted. Unprotect per entry with its own `protect: false`.",
    { default: true, examples: [true] },
  ),
  groups: optional(
    z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "group keys are 1-64 letters, digits, _ . or -"), groupSpecSchema),
    "Entra security groups by key (1-64 letters, digits, `_ . -`); bindings refer to the key. Each sets exactly one of `objectId`, `displayName` or `create`. Defaults to none.",
    {
      examples: [{ "data-scientists": { displayName: "ml-team-data-scientists" } }],
      keys: {
        objectId: doc("An existing group by object id (a GUID); looked up to prove it exists.", {
          examples: ["4f1c2a7e-8b3d-4e6f-9a0b-1c2d3e4f5a6b"],
        }),
        displayName: doc("An existing group by display name, which must be unique in the tenant.", {
          examples: ["ml-team-data-scientists"],
        }),
        create: doc("A security group this stack creates (needs Graph Group.ReadWrite.All).", {
          examples: [{ displayName: "ml-team-x-readers" }],
        }),
        "create.displayName": doc("Display name of the new group.", { examples: ["ml-team-x-readers"] }),
        "create.description": doc("Its description. Defaults to none.", { examples: ["Readers of team X's workspace"] }),
        "create.owners": doc("Owners' object ids. Defaults to none given: Entra makes the deploying principal the owner.", {
          examples: [["4f1c2a7e-8b3d-4e6f-9a0b-1c2d3e4f5a6b"]],
        }),
        "create.members": doc("Members' object ids. Defaults to unmanaged: this stack adds nobody.", {
          examples: [["0b6e4a2c-1d3f-4a5b-8c7d-9e0f1a2b3c4d"]],
        }),
      },
    },
  ),
  customRoles: optional(
    z.record(z.string().min(1), customRoleSpecSchema),
    "Custom role definitions by key; `access` entries name them by key. Each grants at least one action or data action. Defaults to none.",
    {
      examples: [{ "ml-starter": { actions: ["Microsoft.MachineLearningServices/workspaces/read"] } }],
      keys: {
        description: doc("The role's description. Defaults to none.", { examples: ["Read workspaces and submit jobs"] }),
        actions: doc("Control-plane operations granted (no spaces), e.g. `Microsoft.MachineLearningServices/workspaces/read`.", {
          examples: [["Microsoft.MachineLearningServices/workspaces/read"]],
        }),
        notActions: doc("Control-plane operations excluded from `actions`. Defaults to none.", {
          examples: [["Microsoft.MachineLearningServices/workspaces/delete"]],
        }),
        dataActions: doc("Data-plane operations granted. Defaults to none.", {
          examples: [["Microsoft.MachineLearningServices/workspaces/experiments/runs/submit/action"]],
        }),
        notDataActions: doc("Data-plane operations excluded from `dataActions`. Defaults to none.", {
          examples: [["Microsoft.MachineLearningServices/workspaces/models/delete"]],
        }),
        assignableScopes: doc("ARM scopes the role may be assigned at (at least one when given).", {
          default: "the resource groups it is bound in (the subscription when bound nowhere)",
          examples: [["/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-team-x"]],
        }),
      },
    },
  ),
});

export type StackConfig = z.infer<typeof configSchema>;
export type WorkspaceConfig = z.infer<typeof workspaceSchema>;
export type HubConfig = z.infer<typeof hubSchema>;
export type ProjectConfig = z.infer<typeof projectSchema>;
export type SharedConfig = z.infer<typeof sharedSchema>;
export type { ConfigIssue, LocatedBinding };
export { checkBindings, checkCustomRoleKeys, defaultStorageProblems };
