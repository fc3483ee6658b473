import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { IdentityTarget, primaryIdentityGrants } from "./access/identityRoles";
import { roleAssignmentName } from "./access/assignmentNames";
import { BUILT_IN_ROLES, roleDefinitionId } from "./access/roleCatalog";
import { parseArmId } from "./armId";
import { IdentityArgs } from "./workspaceSettings";
import * as naming from "./naming";
import { childOptions } from "./resourceOptions";

export interface PrimaryIdentityGrantArgs {
  /** Logical identity of the workspace, e.g. `workspace/team-a`; names the assignments. */
  readonly scopeKey: string;
  readonly identity: IdentityArgs | undefined;
  readonly subscriptionId: pulumi.Input<string>;
  /** ARM ids of what the identity needs roles on; an undefined registry is skipped. */
  readonly scopes: Record<Exclude<IdentityTarget, "workspace" | "encryptionKeyVault">, pulumi.Input<string | undefined>> & {
    /** The vault of a customer-managed key: the identity gets the key role there. Defaults to none. */
    readonly encryptionKeyVault?: pulumi.Input<string>;
  };
  readonly hasRegistry: boolean;
  /** The owning component's resource options, forwarded to the assignments. */
  readonly opts?: pulumi.ResourceOptions;
}

/** The primary user-assigned identity's principal id: given, or read from the identity resource. */
export function primaryPrincipalId(owner: pulumi.Resource, identity: IdentityArgs): pulumi.Input<string> {
  if (identity.primaryPrincipalId !== undefined) return identity.primaryPrincipalId;
  const id = identity.primaryUserAssignedIdentityId ?? identity.userAssignedIdentityIds![0];
  return pulumi.output(id).apply((value) => {
    const parsed = parseArmId(value);
    if (!parsed) throw new pulumi.ResourceError(`user-assigned identity '${value}' is not an ARM id`, owner, true);
    return managedidentity.getUserAssignedIdentityOutput(
      { resourceGroupName: parsed.resourceGroupName, resourceName: parsed.name },
      { parent: owner },
    ).principalId;
  });
}

/**
 * Role assignments for a user-assigned primary identity (none for a system-assigned one, which Azure ML grants
 * itself). Returns the ones the workspace must wait for (on its associated resources) and a function that adds
 * the grant on the workspace itself once it exists.
 */
export function grantPrimaryIdentity(owner: pulumi.Resource, name: string, args: PrimaryIdentityGrantArgs) {
  const grants = args.identity ? primaryIdentityGrants(args.identity, args.hasRegistry, args.scopes.encryptionKeyVault !== undefined) : [];
  if (grants.length === 0) return { before: [] as authorization.RoleAssignment[], onWorkspace: (_id: pulumi.Input<string>) => undefined };
  const principalId = primaryPrincipalId(owner, args.identity!);
  const assign = (target: IdentityTarget, role: (typeof grants)[number]["role"], scope: pulumi.Input<string>) =>
    new authorization.RoleAssignment(
      naming.childName(name, `uami-${target}-${role.replace(/\W+/g, "-").toLowerCase()}`),
      {
        scope,
        principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: pulumi.output(args.subscriptionId).apply((sub) => roleDefinitionId(sub, BUILT_IN_ROLES[role])),
        roleAssignmentName: roleAssignmentName({
          project: pulumi.getProject(),
          stack: pulumi.getStack(),
          scopeKey: `${args.scopeKey}/${target}`,
          group: "@primary-identity",
          role,
        }),
        description: `${args.scopeKey}: user-assigned workspace identity as ${role} on its ${target}`,
      },
      // docs/azure-rules/identity-and-access.md AZ-ACCESS-04: a fixed name must be freed before it is re-created.
      { ...childOptions(owner, args.opts), deleteBeforeReplace: true },
    );
  const before = grants
    .filter((g) => g.target !== "workspace")
    .map((g) => assign(g.target, g.role, args.scopes[g.target as Exclude<IdentityTarget, "workspace">] as pulumi.Input<string>));
  const onWorkspace = (workspaceId: pulumi.Input<string>) => {
    for (const g of grants.filter((x) => x.target === "workspace")) assign("workspace", g.role, workspaceId);
    return undefined;
  };
  return { before, onWorkspace };
}
