import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { bindingSpecSchema, checkBindingReferences, LocatedBinding, ResolvedRole, resolveRole } from "./accessModel";
import { formatIssue, parseWithIssues } from "../configIssues";
import { roleAssignmentName } from "./assignmentNames";
import { roleDefinitionId } from "./roleCatalog";

export const ROLE_BINDINGS_TYPE = "azure-ml-workspaces:access:RoleBindings";

export interface RoleBinding {
  /**
   * Logical identity of the scope, e.g. `workspace/team-a` or `shared/storage`. It names the assignment, so it
   * must be a plain string (never an output) and stay the same for as long as the scope does. Required.
   */
  readonly scopeKey: string;
  /** ARM id of the scope (resource group, workspace, storage account…). Required. */
  readonly scope: pulumi.Input<string>;
  /** The group's key in the access config; names the assignment and appears in its description. Required. */
  readonly group: string;
  /** The group's object id (e.g. `EntraGroups.objectIds[group]`). Required. */
  readonly principalId: pulumi.Input<string>;
  /** A built-in role's friendly name or a key of `customRoleIds`, ignoring case. Required. */
  readonly role: string;
  /** `ServicePrincipal` for a managed identity (then `group` only names the assignment). Defaults to `Group`. */
  readonly principalType?: "Group" | "ServicePrincipal";
}

export interface RoleBindingsArgs {
  /** Subscription of the built-in role definition ids. Required. */
  readonly subscriptionId: pulumi.Input<string>;
  /** Project name; part of each assignment's GUID name. Required. */
  readonly project: string;
  /** Stack name; part of each assignment's GUID name. Required. */
  readonly stack: string;
  /** One role assignment per entry. Required; `[]` assigns nothing. */
  readonly bindings: RoleBinding[];
  /** Full role definition ids of custom roles by key (e.g. `CustomRoles.ids`). Defaults to `{}` (built-in roles only). */
  readonly customRoleIds?: Record<string, pulumi.Input<string>>;
}

/**
 * Group role assignments (principalType Group) with deterministic GUID names, so preview shows the real names
 * and removing then re-adding a binding (suspend/restore) recreates the same assignment.
 */
export class RoleBindings extends pulumi.ComponentResource {
  /** ARM ids of the assignments, in the order of `args.bindings`. */
  public readonly assignmentIds: pulumi.Output<string>[];
  public readonly assignments: authorization.RoleAssignment[];

  constructor(name: string, args: RoleBindingsArgs, opts?: pulumi.ComponentResourceOptions) {
    const customRoleIds = args.customRoleIds ?? {};
    const roles = resolveBindingRoles(name, args.bindings, Object.keys(customRoleIds));
    super(ROLE_BINDINGS_TYPE, name, {}, opts);

    this.assignments = args.bindings.map((binding, i) => {
      const role = roles[i];
      const definitionId =
        role.kind === "builtIn"
          ? pulumi.output(args.subscriptionId).apply((subscriptionId) => roleDefinitionId(subscriptionId, role.guid))
          : pulumi.output(customRoleIds[role.key]);
      const roleLabel = role.kind === "builtIn" ? role.name : role.key;
      return new authorization.RoleAssignment(
        `${name}-${bindingHash(binding)}`,
        {
          principalId: binding.principalId,
          // The SDK default is "User", which ARM rejects for a group (UnmatchedPrincipalType).
          principalType: binding.principalType ?? "Group",
          roleDefinitionId: definitionId,
          scope: binding.scope,
          roleAssignmentName: roleAssignmentName({
            project: args.project,
            stack: args.stack,
            scopeKey: binding.scopeKey,
            group: binding.group,
            role: binding.role,
          }),
          description: `${binding.principalType === "ServicePrincipal" ? "Identity" : "Group"} "${binding.group}" as ${roleLabel} on ${binding.scopeKey} (${args.project}/${args.stack})`,
        },
        // The name is fixed, so a replacement (new principal or scope) must delete before re-creating it.
        { parent: this, deleteBeforeReplace: true },
      );
    });
    this.assignmentIds = this.assignments.map((assignment) => assignment.id);

    this.registerOutputs({ assignmentIds: this.assignmentIds });
  }
}

/** Short, stable suffix for a binding's logical name; the role is case-folded like everywhere else. */
export function bindingHash(binding: Pick<RoleBinding, "scopeKey" | "group" | "role">): string {
  const identity = JSON.stringify([binding.scopeKey, binding.group, binding.role.trim().toLowerCase()]);
  return createHash("sha256").update(identity).digest("hex").slice(0, 10);
}

type KnownRole = Extract<ResolvedRole, { kind: "builtIn" | "custom" }>;

/** Each binding's role, or one line naming every bad binding before anything is registered. */
function resolveBindingRoles(name: string, bindings: RoleBinding[], customRoleKeys: string[]): KnownRole[] {
  const located: LocatedBinding[] = bindings.map((b, i) => ({
    path: ["bindings", i],
    scopeKey: b.scopeKey,
    binding: { group: b.group, role: b.role },
  }));
  const issues = [
    ...located.flatMap((l) => parseWithIssues(bindingSpecSchema, l.binding, l.path).issues),
    ...checkBindingReferences(located, customRoleKeys),
  ];
  if (issues.length > 0) {
    // RunError: Pulumi prints the message alone, without a stack trace.
    throw new pulumi.RunError(`RoleBindings "${name}": ${issues.map(formatIssue).join("; ")}`);
  }
  // No issues means every role resolved to exactly one built-in or custom role.
  return bindings.map((b) => resolveRole(b.role, customRoleKeys) as KnownRole);
}
