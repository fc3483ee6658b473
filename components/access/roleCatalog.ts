import roleData from "./builtInRoles.json";
import { GUID_PATTERN } from "../armId";

/**
 * Every Azure built-in role by the name the portal shows, with its role definition GUID: Microsoft's published
 * table (`builtInRoles.json` records the page, the version of it and when it was taken). A built-in role's GUID is
 * the same in every tenant, so its role definition id is known before deployment and in preview.
 * docs/azure-rules/roles.md AZ-ROLE-01, AZ-ROLE-02
 */
export const BUILT_IN_ROLES: Readonly<Record<string, string>> = Object.freeze({ ...roleData.roles });

/** A built-in role's name as published (any of the keys of BUILT_IN_ROLES). */
export type BuiltInRoleName = string;

export const BUILT_IN_ROLE_NAMES: readonly BuiltInRoleName[] = Object.freeze(Object.keys(BUILT_IN_ROLES));

/** Where the role table comes from and the date of the published version it was taken from. */
export const BUILT_IN_ROLES_SOURCE = { url: roleData.source, published: roleData.published } as const;

/** ARM role, subscription and Entra object ids all have this shape (defined in `../armId`). */
export { GUID_PATTERN };

/** Names are matched ignoring case and surrounding spaces (docs/azure-rules/roles.md AZ-ROLE-03). */
const normalise = (name: string): string => name.trim().toLowerCase();

const byNormalisedName = new Map<string, { name: BuiltInRoleName; guid: string }>(
  BUILT_IN_ROLE_NAMES.map((name) => [normalise(name), { name, guid: BUILT_IN_ROLES[name] }]),
);

/** The built-in role called `name`, ignoring case (config authors write "reader" as often as "Reader"). */
export function findBuiltInRole(name: string): { name: BuiltInRoleName; guid: string } | undefined {
  return byNormalisedName.get(normalise(name));
}

/**
 * The built-in role name closest to a misspelt `name` (edit distance, ignoring case), when one is close enough to
 * be a typo: at most a third of the name's length, and at most 4 edits.
 */
export function suggestBuiltInRole(name: string): BuiltInRoleName | undefined {
  const wanted = normalise(name);
  if (wanted === "") return undefined;
  const limit = Math.min(4, Math.max(1, Math.floor(wanted.length / 3)));
  let best: { name: BuiltInRoleName; distance: number } | undefined;
  for (const [key, role] of byNormalisedName) {
    if (Math.abs(key.length - wanted.length) > limit) continue;
    const distance = editDistance(wanted, key, limit);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name: role.name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, giving up (returning limit + 1) once every path is over `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...current) > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** `/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}`: the form RoleAssignment expects. */
export function roleDefinitionId(subscriptionId: string, guid: string): string {
  requireGuid("subscriptionId", subscriptionId);
  requireGuid("role definition GUID", guid);
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** The subscription scope `/subscriptions/{sub}`, where custom roles are defined. */
export function subscriptionScope(subscriptionId: string): string {
  requireGuid("subscriptionId", subscriptionId);
  return `/subscriptions/${subscriptionId}`;
}

function requireGuid(label: string, value: string): void {
  if (!GUID_PATTERN.test(value)) throw new Error(`${label} "${value}" is not a GUID (expected 8-4-4-4-12 hex)`);
}
