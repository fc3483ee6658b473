import { v5 as uuidv5 } from "uuid";

/**
 * Deterministic GUID names for role assignments and custom role definitions.
 *
 * ARM wants a GUID for both. Deriving it (uuid v5) from logical identity instead of generating a random one
 * makes the name known in preview, identical on every run, and the same when a binding is removed and added
 * back (suspend/restore). Inputs are logical keys, never resource outputs, so nothing here waits on Azure.
 */

/** Namespace of every name this project derives. Changing it renames (replaces) every assignment: never do. */
export const ACCESS_NAME_NAMESPACE = "96492e15-e14c-4b92-a7e1-e59e1b73e9db";

export interface RoleAssignmentNameInput {
  project: string;
  stack: string;
  /** Logical scope identity, e.g. `workspace/team-a` or `shared/storage`; not an ARM id. */
  scopeKey: string;
  /** The group's key in the access config. */
  group: string;
  /** Role as written in config; compared case-insensitively, like role lookup. */
  role: string;
}

export interface CustomRoleDefinitionNameInput {
  project: string;
  stack: string;
  /** The custom role's key in the access config. */
  role: string;
}

export function roleAssignmentName(input: RoleAssignmentNameInput): string {
  const { project, stack, scopeKey, group, role } = input;
  return nameFor("role-assignment", { project, stack, scopeKey, group, role: normaliseRole(role) });
}

export function customRoleDefinitionName(input: CustomRoleDefinitionNameInput): string {
  const { project, stack, role } = input;
  return nameFor("custom-role", { project, stack, role: normaliseRole(role) });
}

function normaliseRole(role: string): string {
  return role.trim().toLowerCase();
}

/** JSON of an ordered tuple, so `a/b`+`c` and `a`+`b/c` never produce the same name input. */
function nameFor(kind: string, parts: Record<string, string>): string {
  for (const [field, value] of Object.entries(parts)) {
    if (value.trim() === "") throw new Error(`${kind} name: ${field} must be a non-empty string`);
  }
  return uuidv5(JSON.stringify([kind, ...Object.values(parts)]), ACCESS_NAME_NAMESPACE);
}
