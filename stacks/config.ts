import { z } from "zod";
import { ARM_NAME_RULES, LOGICAL_NAME, LOGICAL_NAME_RULE } from "../components/naming";
import { ArmTypeKey } from "../components/armId";
import { defaultStorageProblems } from "../components/defaultStorage";
import { budgetConfigSchema } from "../components/cost/budgetRules";
import { ISOLATION_MODES, PROJECT_FORBIDDEN_KEYS, WORKSPACE_SKUS } from "../components/workspaceSettings";
import { ANY_ARM_ID, ANY_ARM_ID_RULE, RESOURCE_GROUP_RULE, SUBNET_ID, SUBNET_ID_RULE, armIdProblem } from "./idRules";
import { REFUSED_KEY } from "./configMessages";
import {
  ConfigIssue, LocatedBinding, bindingSpecSchema, checkBindings, checkCustomRoleKeys, customRoleSpecSchema, groupSpecSchema,
} from "../components/access/accessModel";

/** The stack config schema (namespace `azure-ml-workspaces:`): shapes here, cross-references in `validate.ts`. */

export const NAMESPACE = "azure-ml-workspaces";

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
      if (twin !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `tag names ignore case in Azure: "${key}" and "${twin}" are the same tag` });
      else seen.set(key.toLowerCase(), key);
    }
  });

export const STORAGE_SKUS = [
  "Standard_LRS", "Standard_GRS", "Standard_RAGRS", "Standard_ZRS", "Standard_GZRS", "Standard_RAGZRS",
  "Premium_LRS", "Premium_ZRS", "StandardV2_LRS", "StandardV2_GRS", "StandardV2_ZRS", "StandardV2_GZRS",
  "PremiumV2_LRS", "PremiumV2_ZRS",
] as const;
export const STORAGE_KINDS = ["Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage"] as const;

const storageSettings = z.strictObject({
  skuName: z.enum(STORAGE_SKUS).optional(),
  kind: z.enum(STORAGE_KINDS).optional(),
  isHnsEnabled: z.boolean().optional(),
  allowSharedKeyAccess: z.boolean().optional(),
});
const keyVaultSettings = z.strictObject({
  skuName: z.enum(["standard", "premium"]).optional(),
  softDeleteRetentionInDays: z.number().int().min(7).max(90).optional(),
});
const monitoringSettings = z.strictObject({
  retentionInDays: z.number().int().min(30).max(730).optional(),
  dailyQuotaGb: z.number().positive().optional(),
});
const registrySettings = z.strictObject({ skuName: z.enum(["Basic", "Standard", "Premium"]).optional() });
const existing = (type: ArmTypeKey) => z.strictObject({ existingId: armId(type) });

const resourceGroupSchema = z.strictObject({
  name: resourceGroupName,
  /** Use an existing group of that name instead of creating one. */
  existing: z.boolean().optional(),
});

const sharedIdsSchema = z.strictObject({
  storageAccount: armId("storageAccount"),
  keyVault: armId("keyVault"),
  applicationInsights: armId("applicationInsights"),
  containerRegistry: armId("containerRegistry").optional(),
  logAnalyticsWorkspace: armId("logAnalyticsWorkspace").optional(),
});
const STACK_REF = /^(?:[A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/;
const sharedChoiceSchema = z
  .strictObject({
    stack: z.string().regex(STACK_REF, "must be a stack name, optionally qualified as <org>/<project>/<stack>").optional(),
    ids: sharedIdsSchema.optional(),
  })
  .refine((s) => (s.stack === undefined) !== (s.ids === undefined), "set exactly one of 'stack' (a stack that exports the ids) or 'ids'");

/** A host name, optionally with a leading wildcard label: what an FQDN rule's firewall matches (no scheme, path or port). */
const FQDN = /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/;
const fqdnDestination = z.string().regex(FQDN, "must be a host name such as pypi.org or *.anaconda.com (no scheme, path or port)");
const outboundRuleSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("FQDN"), destination: fqdnDestination, category: z.enum(["UserDefined", "Required", "Recommended"]).optional() }),
  z.strictObject({ type: z.literal("PrivateEndpoint"), serviceResourceId: z.string().regex(ANY_ARM_ID, ANY_ARM_ID_RULE), subresourceTarget: z.string().min(1), sparkEnabled: z.boolean().optional(), fqdns: z.array(z.string()).optional() }),
  z.strictObject({ type: z.literal("ServiceTag"), serviceTag: z.string().min(1), protocol: z.string().min(1), portRanges: z.string().min(1), action: z.enum(["Allow", "Deny"]).optional() }),
]);
const managedNetworkSchema = z
  .strictObject({
    isolationMode: z.enum(ISOLATION_MODES).optional(),
    outboundRules: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "rule names are 1-64 letters, digits, _ or -"), outboundRuleSchema).optional(),
  })
  .superRefine((network, ctx) => {
    for (const [ruleName, rule] of Object.entries(network.outboundRules ?? {})) {
      if (network.isolationMode === "Disabled") {
        ctx.addIssue({ code: "custom", path: ["outboundRules", ruleName], message: "outbound rules need a managed network: set isolationMode AllowInternetOutbound or AllowOnlyApprovedOutbound" });
      } else if (rule.type === "FQDN" && network.isolationMode !== "AllowOnlyApprovedOutbound") {
        const mode = network.isolationMode ?? "AllowInternetOutbound (the default)";
        ctx.addIssue({ code: "custom", path: ["outboundRules", ruleName, "type"], message: `FQDN rules need isolationMode AllowOnlyApprovedOutbound, not ${mode}` });
      }
    }
  });

const identitySchema = z.strictObject({
  userAssignedIdentityIds: z.array(armId("userAssignedIdentity")).min(1).optional(),
  primaryUserAssignedIdentityId: armId("userAssignedIdentity").optional(),
  systemAssigned: z.boolean().optional(),
});

/** Bindings on a workspace, hub or project: on the workspace itself or on its resource group. */
const accessEntrySchema = bindingSpecSchema.extend({ scope: z.enum(["workspace", "resourceGroup"]).optional() });

/** Settings a workspace and a hub share. */
const workspaceBase = {
  name: logicalName,
  resourceGroup: resourceGroupSchema.optional(),
  sharedResources: sharedChoiceSchema.optional(),
  storage: z.union([existing("storageAccount"), storageSettings]).optional(),
  keyVault: z.union([existing("keyVault"), keyVaultSettings]).optional(),
  monitoring: z.union([
    z.strictObject({ existingApplicationInsightsId: armId("applicationInsights"), existingLogAnalyticsWorkspaceId: armId("logAnalyticsWorkspace").optional() }),
    monitoringSettings,
  ]).optional(),
  containerRegistry: z.union([existing("containerRegistry"), registrySettings, z.literal(false)]).optional(),
  identity: identitySchema.optional(),
  publicNetworkAccess: z.enum(["Enabled", "Disabled"]).optional(),
  managedNetwork: managedNetworkSchema.optional(),
  sku: z.enum(WORKSPACE_SKUS).optional(),
  friendlyName: z.string().max(256).optional(),
  description: z.string().max(1024).optional(),
  diagnostics: z.boolean().optional(),
  tags: tagsSchema.optional(),
  access: z.array(accessEntrySchema).optional(),
  /** The classic DENY switch: removes this workspace's group bindings and disables public network access. */
  suspended: z.boolean().optional(),
  /** A monthly (or quarterly, annual) cost budget on the workspace's resource group. */
  budget: budgetConfigSchema.optional(),
  /** An Azure Monitor workbook of the workspace's use. Defaults to true when it has a Log Analytics workspace. */
  usageWorkbook: z.boolean().optional(),
};

/** Azure ML creates these itself; a datastore of the same name would replace a system datastore. */
const SYSTEM_DATASTORES = ["workspaceblobstore", "workspacefilestore", "workspaceartifactstore", "workspaceworkingdirectory"];
const datastoreSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_]{1,255}$/, "datastore names are letters, digits and underscores")
    .refine((name) => !SYSTEM_DATASTORES.includes(name.toLowerCase()), `is a system datastore name (${SYSTEM_DATASTORES.join(", ")})`),
  type: z.enum(["blob", "adlsgen2"]).optional(),
  container: z.string().regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, "container names are 3-63 lowercase letters, digits and single hyphens"),
  storageAccountId: armId("storageAccount").optional(),
  create: storageSettings.omit({ allowSharedKeyAccess: true }).optional(),
})
  .refine((d) => (d.storageAccountId === undefined) !== (d.create === undefined), "set exactly one of 'storageAccountId' or 'create'")
  .refine((d) => !(d.type === "adlsgen2" && d.create?.isHnsEnabled === false), {
    path: ["create", "isHnsEnabled"], message: "an adlsgen2 datastore needs an account with hierarchical namespace (leave isHnsEnabled out or set it true)",
  });
const datastoreListSchema = z.array(datastoreSchema).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((d, i) => {
    const first = seen.get(d.name.toLowerCase());
    if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate datastore name: already used at datastores[${first}] (names ignore case)` });
    else seen.set(d.name.toLowerCase(), i);
  });
});

export const workspaceSchema = z.strictObject({
  ...workspaceBase,
  hbi: z.boolean().optional(),
  systemDatastoresAuthMode: z.enum(["identity", "accesskey"]).optional(),
  datastores: datastoreListSchema.optional(),
});

/** Project keys that belong to the hub get their own message rather than "unknown key". */
const FROM_HUB = "it inherits storage, key vault, registry, Application Insights and managed network from its hub; set it on the hub";
const PROJECT_KEYS_OF_HUB: Record<string, string> = {
  ...Object.fromEntries([...PROJECT_FORBIDDEN_KEYS, "sharedResources", "monitoring", "storage"].map((key) => [key, FROM_HUB])),
  resourceGroup: "a project lives in its hub's resource group",
  datastores: "datastores belong to a workspace; projects use their hub's storage",
};
const inheritedFromHub = Object.fromEntries(Object.keys(PROJECT_KEYS_OF_HUB).map((key) => [key, z.unknown().optional().describe(REFUSED_KEY)]));
export const projectSchema = z
  .strictObject({
    name: logicalName,
    friendlyName: z.string().max(256).optional(),
    description: z.string().max(1024).optional(),
    identity: identitySchema.optional(),
    sku: z.enum(WORKSPACE_SKUS).optional(),
    publicNetworkAccess: z.enum(["Enabled", "Disabled"]).optional(),
    tags: tagsSchema.optional(),
    access: z.array(accessEntrySchema).optional(),
    suspended: z.boolean().optional(),
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
  additionalWorkspaceStorageAccounts: z.array(armId("storageAccount")).optional(),
  defaultProjectResourceGroup: resourceGroupName.optional(),
  serverlessCompute: z.strictObject({ subnetId: z.string().regex(SUBNET_ID, SUBNET_ID_RULE).optional(), noPublicIp: z.boolean().optional() }).optional(),
  projects: z.array(projectSchema).optional(),
});

const sharedAccessSchema = bindingSpecSchema.extend({ resource: z.enum(["storage", "keyVault", "containerRegistry", "applicationInsights", "resourceGroup"]) });
export const sharedSchema = z.strictObject({
  name: logicalName,
  resourceGroup: resourceGroupSchema.optional(),
  storage: storageSettings.optional(),
  keyVault: keyVaultSettings.optional(),
  monitoring: monitoringSettings.optional(),
  containerRegistry: registrySettings.optional(),
  locks: z.boolean().optional(),
  access: z.array(sharedAccessSchema).optional(),
});

export const configSchema = z.strictObject({
  workspaces: z.array(workspaceSchema).optional(),
  hubs: z.array(hubSchema).optional(),
  shared: sharedSchema.optional(),
  /** Stack-wide tags on every taggable resource, merged under per-workspace tags. */
  tags: tagsSchema.optional(),
  /** Tag names every workspace, hub and project must end up with. */
  requiredTags: z.array(z.string().regex(TAG_KEY, TAG_KEY_RULE)).optional(),
  /** Changes every generated name; set a new seed to re-create while soft-deleted names are still reserved. */
  nameSeed: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, "1-32 letters, digits or hyphens").optional(),
  /** Protect stateful resources from deletion. Turn off only in sandboxes. */
  protect: z.boolean().optional(),
  groups: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "group keys are 1-64 letters, digits, _ . or -"), groupSpecSchema).optional(),
  customRoles: z.record(z.string().min(1), customRoleSpecSchema).optional(),
});

export type StackConfig = z.infer<typeof configSchema>;
export type WorkspaceConfig = z.infer<typeof workspaceSchema>;
export type HubConfig = z.infer<typeof hubSchema>;
export type ProjectConfig = z.infer<typeof projectSchema>;
export type SharedConfig = z.infer<typeof sharedSchema>;
export type { ConfigIssue, LocatedBinding };
export { checkBindings, checkCustomRoleKeys, defaultStorageProblems };
