import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { checkCustomRoleKeys, CustomRoleSpec, customRoleSpecSchema } from "./accessModel";
import { formatIssue, parseWithIssues } from "../configIssues";
import { customRoleDefinitionName } from "./assignmentNames";
import { roleDefinitionId, subscriptionScope } from "./roleCatalog";

export const CUSTOM_ROLES_TYPE = "azure-ml-workspaces:access:CustomRoles";

export interface CustomRolesArgs {
  /** Subscription the roles are defined in (scope `/subscriptions/{id}`). Required. */
  readonly subscriptionId: pulumi.Input<string>;
  /** Project name; part of each role definition GUID, so two projects never share a definition. Required. */
  readonly project: string;
  /** Stack name; part of each role definition GUID. Required. */
  readonly stack: string;
  /**
   * Custom roles by key. The key is the Azure `roleName` (role names are unique per tenant, so two stacks defining
   * the same key collide) and what bindings refer to. It must not be a built-in role name.
   * `assignableScopes` defaults to `defaultAssignableScopes[key]`, else `[/subscriptions/{subscriptionId}]`. Required; `{}` defines nothing.
   */
  readonly roles: Record<string, CustomRoleSpec>;
  /**
   * Assignable scopes by role key for roles that set none: the narrowest that works is where the role is assigned
   * (docs/azure-rules/privileged-access.md AZ-PRIV-06). Defaults to the subscription for a role not listed.
   */
  readonly defaultAssignableScopes?: Record<string, pulumi.Input<string>[]>;
}

/** Subscription-level custom role definitions with deterministic GUIDs (known in preview, stable across runs). */
export class CustomRoles extends pulumi.ComponentResource {
  /** Full role definition id (`/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}`) by key. */
  public readonly ids: Record<string, pulumi.Output<string>>;
  public readonly definitions: Record<string, authorization.RoleDefinition>;

  constructor(name: string, args: CustomRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    const roles = validateRoles(name, args.roles);
    super(CUSTOM_ROLES_TYPE, name, {}, opts);

    const scope = pulumi.output(args.subscriptionId).apply(subscriptionScope);
    this.ids = {};
    this.definitions = {};
    for (const [key, spec] of Object.entries(roles)) {
      const guid = customRoleDefinitionName({ project: args.project, stack: args.stack, role: key });
      const definition = new authorization.RoleDefinition(
        `${name}-${key}`,
        {
          roleDefinitionId: guid,
          roleName: key,
          roleType: "CustomRole",
          description: spec.description,
          scope,
          assignableScopes: spec.assignableScopes ?? args.defaultAssignableScopes?.[key] ?? [scope],
          permissions: [
            {
              actions: spec.actions,
              notActions: spec.notActions,
              dataActions: spec.dataActions,
              notDataActions: spec.notDataActions,
            },
          ],
        },
        // The GUID is fixed, so a replacement must free it before re-creating it.
        { parent: this, deleteBeforeReplace: true },
      );
      this.definitions[key] = definition;
      // Built from the known GUID (not the provider's id) but still depends on the definition, so assignments wait.
      this.ids[key] = pulumi.all([args.subscriptionId, definition.id]).apply(([subscriptionId]) => roleDefinitionId(subscriptionId, guid));
    }

    this.registerOutputs({ ids: this.ids });
  }
}

function validateRoles(name: string, roles: Record<string, CustomRoleSpec>): Record<string, CustomRoleSpec> {
  const parsed: Record<string, CustomRoleSpec> = {};
  const issues = [
    ...checkCustomRoleKeys(Object.keys(roles ?? {})),
    ...Object.entries(roles ?? {}).flatMap(([key, spec]) => {
      const result = parseWithIssues(customRoleSpecSchema, spec, ["customRoles", key]);
      if (result.value) parsed[key] = result.value;
      return result.issues;
    }),
  ];
  if (issues.length > 0) {
    // RunError: Pulumi prints the message alone, without a stack trace.
    throw new pulumi.RunError(`CustomRoles "${name}": ${issues.map(formatIssue).join("; ")}`);
  }
  return parsed;
}
