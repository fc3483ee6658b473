import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { GroupSpec, groupSpecSchema } from "./accessModel";
import { firstLine, formatIssue, parseWithIssues } from "../configIssues";

export const ENTRA_GROUPS_TYPE = "azure-ml-workspaces:access:EntraGroups";

export interface EntraGroupsArgs {
  /**
   * Entra security groups by key (the key is what bindings refer to). Each is exactly one of:
   * `{ objectId }` (existing, looked up to prove it exists), `{ displayName }` (existing, looked up by name; the
   * name must be unique in the tenant) or `{ create: { displayName, description?, owners?, members? } }`.
   * Created groups are security-enabled and not mail-enabled; `owners` defaults to none given (Entra then makes
   * the deploying principal the owner) and `members` defaults to unmanaged (nobody added by this stack).
   * Required; `{}` creates and looks up nothing.
   */
  readonly groups: Record<string, GroupSpec>;
}

/**
 * Resolves every access group to an object id: creates the ones marked `create`, looks up the others with
 * azuread getGroup. Creating needs Graph Group.ReadWrite.All, looking up needs Group.Read.All.
 */
export class EntraGroups extends pulumi.ComponentResource {
  /** Object id (the principal id for role assignments) of every group, by key. */
  public readonly objectIds: Record<string, pulumi.Output<string>>;
  /** The groups this stack created, by key. */
  public readonly createdGroups: Record<string, azuread.Group>;

  constructor(name: string, args: EntraGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    const groups = validateGroups(name, args.groups);
    super(ENTRA_GROUPS_TYPE, name, {}, opts);

    this.objectIds = {};
    this.createdGroups = {};
    for (const [key, spec] of Object.entries(groups)) {
      if ("create" in spec) {
        const group = new azuread.Group(
          `${name}-${key}`,
          {
            displayName: spec.create.displayName,
            description: spec.create.description,
            owners: spec.create.owners,
            members: spec.create.members,
            securityEnabled: true,
            mailEnabled: false,
            // Other stacks find groups by display name, which only works while names are unique.
            preventDuplicateNames: true,
          },
          { parent: this },
        );
        this.createdGroups[key] = group;
        this.objectIds[key] = group.objectId;
      } else {
        this.objectIds[key] = pulumi.output(lookUpGroupObjectId(key, spec, this));
      }
    }

    this.registerOutputs({ objectIds: this.objectIds });
  }
}

/** How a looked-up group is named in messages: `group "ds" (displayName "Data Scientists")`. */
export function describeGroupLookup(key: string, spec: { objectId: string } | { displayName: string }): string {
  return "objectId" in spec ? `group "${key}" (objectId ${spec.objectId})` : `group "${key}" (displayName "${spec.displayName}")`;
}

/**
 * Looks a group up through the getGroup invoke and resolves its object id. The promise form is used, not
 * getGroupOutput, because an Output offers no way to catch its failure, and the provider's own error names
 * neither the config key nor what to check. A ResourceError with a hidden stack makes Pulumi print one line.
 */
export function lookUpGroupObjectId(
  key: string,
  spec: { objectId: string } | { displayName: string },
  parent?: pulumi.Resource,
): Promise<string> {
  const what = describeGroupLookup(key, spec);
  const fail = (detail: string) => new pulumi.ResourceError(`${what} ${detail}`, parent, true);
  const query = "objectId" in spec ? { objectId: spec.objectId } : { displayName: spec.displayName };
  return azuread
    .getGroup(query, { parent })
    .catch((err: unknown) => {
      const reason = firstLine(err instanceof Error ? err.message : String(err));
      throw fail(`was not found or could not be read (needs Graph Group.Read.All)${reason ? `: ${reason}` : ""}`);
    })
    .then((found) => {
      if (!found?.objectId) throw fail("lookup returned no objectId");
      return found.objectId;
    });
}

/** Parsed (trimmed) specs, or one line naming every bad key before anything is registered. */
function validateGroups(name: string, groups: Record<string, GroupSpec>): Record<string, GroupSpec> {
  const parsed: Record<string, GroupSpec> = {};
  const issues = Object.entries(groups ?? {}).flatMap(([key, spec]) => {
    const result = parseWithIssues(groupSpecSchema, spec, ["groups", key]);
    if (result.value) parsed[key] = result.value;
    return result.issues;
  });
  if (issues.length > 0) {
    // RunError: Pulumi prints the message alone, without a stack trace.
    throw new pulumi.RunError(`EntraGroups "${name}": ${issues.map(formatIssue).join("; ")}`);
  }
  return parsed;
}
