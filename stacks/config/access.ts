import { z } from "zod";
import { bindingSpecSchema, customRoleSpecSchema, groupSpecSchema } from "../../components/internal";
import { armId, doc, exampleIds, optional } from "./primitives";

/** Identities, group role bindings, Entra groups and custom roles. */

export const identitySchema = z.strictObject({
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
export const accessEntrySchema = bindingSpecSchema.extend({ scope: z.enum(["workspace", "resourceGroup"]).optional() }).meta(
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
export const accountWideFileAccess = optional(
  z.boolean(),
  "Grant the data-scientist groups (AzureML Data Scientist, Azure AI Developer) Storage File Data Privileged Contributor on the whole default storage account when other workspaces share it (a shared set, or a hub's storage for projects). Azure Files roles cannot be narrowed to one workspace's shares, so without it those groups cannot use notebooks or compute instances with shared keys off; with it they can read every workspace's notebook files on that account. A workspace with its own storage gets the role on it without this key.",
  { default: false, examples: [true] },
);
export const sharedAccessSchema = bindingSpecSchema
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

/** The stack-wide `groups` key. */
export const groupsKey = optional(
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
);

/** The stack-wide `customRoles` key. */
export const customRolesKey = optional(
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
);
