import { z } from "zod";
import { defaultStorageProblems } from "../../components";
import { LocatedBinding, checkBindings, checkCustomRoleKeys, ConfigIssue } from "../../components/internal";
import { NAMESPACE, TAG_KEY, TAG_KEY_RULE, optional, tagsSchema } from "./primitives";
import { customRolesKey, groupsKey } from "./access";
import { workspaceSchema } from "./workspace";
import { hubSchema, projectSchema } from "./hub";
import { sharedSchema } from "./shared";

/**
 * The stack config schema (namespace `azure-ml-workspaces:`): shapes here, by concern in this folder (`primitives`,
 * `storage`, `network`, `access`, `cost`, `datastores`, `workspace`, `hub`, `shared`); cross-references in `../validate.ts`.
 */

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
  groups: groupsKey,
  customRoles: customRolesKey,
});

export type StackConfig = z.infer<typeof configSchema>;
export type WorkspaceConfig = z.infer<typeof workspaceSchema>;
export type HubConfig = z.infer<typeof hubSchema>;
export type ProjectConfig = z.infer<typeof projectSchema>;
export type SharedConfig = z.infer<typeof sharedSchema>;
export type { ConfigIssue, LocatedBinding };
export { checkBindings, checkCustomRoleKeys, defaultStorageProblems };
export { NAMESPACE, workspaceSchema, hubSchema, projectSchema, sharedSchema };
export type { KeyDoc } from "./primitives";
export { STORAGE_KINDS, STORAGE_SKUS } from "./storage";
