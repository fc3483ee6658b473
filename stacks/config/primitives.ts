import { z } from "zod";
import { ARM_TYPES, ArmTypeKey } from "../../components";
import { ARM_NAME_RULES, LOGICAL_NAME, LOGICAL_NAME_RULE } from "../../components/internal";
import { RESOURCE_GROUP_RULE, armIdProblem } from "../idRules";

/** Building blocks of the stack config schema: key documentation, ARM ids, names, tags, resource groups, entry guards. */

import { NAMESPACE } from "../namespace";

export { NAMESPACE };

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
export type MoreDoc = Omit<KeyDoc, "description">;
export const doc = (description: string, more: MoreDoc = {}): KeyDoc => ({ description, ...more });
/** `schema` with its documentation. */
export const documented = <T extends z.ZodType>(schema: T, description: string, more?: MoreDoc): T => schema.meta(doc(description, more));
/** `schema.optional()` with its documentation: what most keys are. */
export const optional = <T extends z.ZodType>(schema: T, description: string, more?: MoreDoc) =>
  schema.optional().meta(doc(description, more));

const ARM = "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-ml-shared/providers";
export const exampleIds = {
  storageAccount: `${ARM}/Microsoft.Storage/storageAccounts/stmlshared01`,
  keyVault: `${ARM}/Microsoft.KeyVault/vaults/kv-ml-shared-01`,
  applicationInsights: `${ARM}/Microsoft.Insights/components/appi-ml-shared`,
  containerRegistry: `${ARM}/Microsoft.ContainerRegistry/registries/crmlshared01`,
  logAnalyticsWorkspace: `${ARM}/Microsoft.OperationalInsights/workspaces/log-ml-shared`,
  userAssignedIdentity: `${ARM}/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-team-a`,
  subnet:
    "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/serverless",
};
export const logicalName = z
  .string({ error: (iss) => (iss.input === undefined ? `is required: ${LOGICAL_NAME_RULE}` : undefined) })
  .regex(LOGICAL_NAME, `${LOGICAL_NAME_RULE} (the Azure names derive from it)`);
export const armId = (type: ArmTypeKey) =>
  z.string().superRefine((id, ctx) => {
    const problem = armIdProblem(id, type);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
export const resourceGroupName = z.string().regex(ARM_NAME_RULES.resourceGroup, RESOURCE_GROUP_RULE);
export const TAG_KEY = /^[^<>%&\\?/]{1,128}$/;
export const TAG_KEY_RULE = "tag names are 1-128 characters without < > % & \\ ? /";
const MAX_TAGS = 50;
export const tagsSchema = z
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
export const existing = (type: ArmTypeKey) =>
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
/** The resource group of a workspace, hub or shared set. */
export const resourceGroupKey = optional(resourceGroupSchema, "The resource group, created unless `existing`.", {
  default: { name: "rg-<name>" },
  examples: [{ name: "rg-team-x" }],
});

/** Keys of every entry with stateful resources: renames and protection. docs/azure-rules/data-protection.md AZ-DATA-04 */
export const entryGuards = {
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
