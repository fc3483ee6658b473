import { z } from "zod";
import { ConfigIssue, formatPath } from "../configIssues";
import { BUILT_IN_ROLES_SOURCE, BuiltInRoleName, findBuiltInRole, suggestBuiltInRole } from "./roleCatalog";

/**
 * The access part of the config: groups, custom roles and bindings, their schemas, and the cross-reference
 * checks (roles exist, groups exist, no duplicates) that a schema alone cannot express. Pure: no Pulumi.
 */

/** An existing group by object id or display name, or a group this stack creates. Exactly one member. */
export type GroupSpec =
  | { objectId: string }
  | { displayName: string }
  | { create: { displayName: string; description?: string; owners?: string[]; members?: string[] } };

export interface CustomRoleSpec {
  description?: string;
  actions: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
  /** Defaults to the subscription the role is defined in. */
  assignableScopes?: string[];
}

/** A group key and a role name (built-in friendly name or custom role key). */
export interface BindingSpec {
  group: string;
  role: string;
}

/** A binding with where it sits in the config and the logical scope it applies to. */
export interface LocatedBinding {
  path: (string | number)[];
  scopeKey: string;
  binding: BindingSpec;
}

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");
const objectId = z.guid("must be a GUID (an Entra object id, 8-4-4-4-12 hex)");
const operation = z.string().regex(/^\S+$/, "must be an operation without spaces, e.g. Microsoft.MachineLearningServices/workspaces/read");

const createGroupSchema = z.strictObject({
  displayName: nonEmpty,
  description: z.string().optional(),
  owners: z.array(objectId).optional(),
  members: z.array(objectId).optional(),
});

const GROUP_SOURCES = ["objectId", "displayName", "create"] as const;

/**
 * Strict object with all three sources optional, then "exactly one": a plain union would only say "Invalid input".
 * @internal zod types stay out of the public declarations.
 */
export const groupSpecSchema = z
  .strictObject({ objectId: objectId.optional(), displayName: nonEmpty.optional(), create: createGroupSchema.optional() })
  .superRefine((spec, ctx) => {
    const given = GROUP_SOURCES.filter((source) => spec[source] !== undefined);
    if (given.length !== 1) {
      const got = given.length === 0 ? "none" : given.join(" and ");
      ctx.addIssue({ code: "custom", message: `set exactly one of objectId, displayName or create (got ${got})` });
    }
  })
  .transform((spec) => spec as GroupSpec);

/** @internal The config schema (zod): kept out of the public declarations. */
export const customRoleSpecSchema = z
  .strictObject({
    description: z.string().optional(),
    actions: z.array(operation),
    notActions: z.array(operation).optional(),
    dataActions: z.array(operation).optional(),
    notDataActions: z.array(operation).optional(),
    assignableScopes: z
      .array(z.string().regex(/^\/\S*$/, "must be an ARM scope such as /subscriptions/<id>/resourceGroups/<name>"))
      .min(1, "must list at least one scope, or be left out to default to the subscription")
      .optional(),
  })
  .refine((role) => role.actions.length > 0 || (role.dataActions?.length ?? 0) > 0, {
    message: "must grant at least one action or dataAction",
    path: ["actions"],
  });

/** @internal The config schema (zod): kept out of the public declarations. */
export const bindingSpecSchema = z.strictObject({ group: nonEmpty, role: nonEmpty });

export type ResolvedRole =
  | { kind: "builtIn"; name: BuiltInRoleName; guid: string }
  | { kind: "custom"; key: string }
  | { kind: "ambiguous"; matches: string[] }
  | { kind: "unknown" };

/** Resolve a role as written against the catalog and the custom role keys, ignoring case. */
export function resolveRole(role: string, customRoleKeys: readonly string[]): ResolvedRole {
  const wanted = role.trim().toLowerCase();
  const builtIn = findBuiltInRole(role);
  const custom = customRoleKeys.filter((key) => key.trim().toLowerCase() === wanted);
  const matches = [...(builtIn ? [`built-in role "${builtIn.name}"`] : []), ...custom.map((k) => `custom role "${k}"`)];
  if (matches.length > 1) return { kind: "ambiguous", matches };
  if (builtIn) return { kind: "builtIn", ...builtIn };
  if (custom.length === 1) return { kind: "custom", key: custom[0] };
  return { kind: "unknown" };
}

/**
 * Cross-reference checks for bindings: unknown or ambiguous roles, groups missing from `groups`, empty scope keys,
 * and duplicates (same scopeKey + group + role, role compared ignoring case; the later occurrence is reported).
 */
export function checkBindings(
  bindings: LocatedBinding[],
  groups: Record<string, GroupSpec>,
  customRoles: Record<string, CustomRoleSpec>,
): ConfigIssue[] {
  return checkBindingReferences(bindings, Object.keys(customRoles), Object.keys(groups));
}

/**
 * The same checks when only keys are at hand (RoleBindings knows custom role ids, not specs).
 * `groupKeys` undefined skips the group check.
 */
export function checkBindingReferences(
  bindings: LocatedBinding[],
  customRoleKeys: readonly string[],
  groupKeys?: readonly string[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstSeen = new Map<string, (string | number)[]>();
  for (const { path, scopeKey, binding } of bindings) {
    if (scopeKey.trim() === "") {
      issues.push({
        path: [...path, "scopeKey"],
        value: scopeKey,
        rule: "scopeKey must be a non-empty logical key such as workspace/team-a",
      });
    }
    if (groupKeys && !groupKeys.includes(binding.group)) {
      issues.push({ path: [...path, "group"], value: binding.group, rule: undefinedGroupRule(binding.group, groupKeys) });
    }
    const resolved = resolveRole(binding.role, customRoleKeys);
    if (resolved.kind === "unknown") {
      issues.push({ path: [...path, "role"], value: binding.role, rule: unknownRoleRule(binding.role, customRoleKeys) });
    } else if (resolved.kind === "ambiguous") {
      const rule = `role "${binding.role}" matches ${resolved.matches.join(" and ")}; rename the custom role so each name means one role`;
      issues.push({ path: [...path, "role"], value: binding.role, rule });
    }
    const identity = JSON.stringify([scopeKey, binding.group, binding.role.trim().toLowerCase()]);
    const first = firstSeen.get(identity);
    if (first) {
      const rule = `duplicate binding: group "${binding.group}" already has role "${binding.role}" on "${scopeKey}" at ${formatPath(first)}; remove one`;
      issues.push({ path, value: binding, rule });
    } else {
      firstSeen.set(identity, path);
    }
  }
  return issues;
}

/**
 * Custom role keys must name one role each: not a built-in name (bindings could not tell them apart) and not
 * another key in different case (both would derive the same role definition GUID).
 */
export function checkCustomRoleKeys(keys: readonly string[], basePath: (string | number)[] = ["customRoles"]): ConfigIssue[] {
  const seen = new Map<string, string>();
  return keys.flatMap((key): ConfigIssue[] => {
    const lower = key.trim().toLowerCase();
    const path = [...basePath, key];
    if (lower === "") return [{ path, value: key, rule: "custom role key must be a non-empty string" }];
    const builtIn = findBuiltInRole(key);
    if (builtIn) {
      return [{ path, value: key, rule: `custom role key "${key}" is the built-in role "${builtIn.name}"; pick another name` }];
    }
    const earlier = seen.get(lower);
    if (earlier !== undefined) {
      return [{ path, value: key, rule: `custom role key "${key}" differs from "${earlier}" only in case; role names ignore case` }];
    }
    seen.set(lower, key);
    return [];
  });
}

function unknownRoleRule(role: string, customRoleKeys: readonly string[]): string {
  const custom = customRoleKeys.length ? customRoleKeys.join(", ") : "none defined";
  const suggestion = suggestBuiltInRole(role);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
  return `unknown role "${role}": ${hint}use a built-in role name (as listed at ${BUILT_IN_ROLES_SOURCE.url}) or a key of customRoles (${custom})`;
}

function undefinedGroupRule(group: string, groupKeys: readonly string[]): string {
  const defined = groupKeys.length ? groupKeys.join(", ") : "none";
  return `group "${group}" is not defined in groups; add it there with objectId, displayName or create (defined: ${defined})`;
}
