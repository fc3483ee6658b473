import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * Physical Azure names, derived from a logical name. Every generator returns a name that obeys the ARM rule
 * for its resource type for any logical name accepted by `LOGICAL_NAME`; globally unique types carry a
 * per-stack suffix so two stacks (or a re-creation under a new `nameSeed`) never collide with each other
 * or with a soft-deleted predecessor.
 */

/** Logical names: lowercase letters, digits and single hyphens, 2 to 24 characters, starting with a letter. */
export const LOGICAL_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,23}$/;
export const LOGICAL_NAME_RULE = "2-24 lowercase letters, digits or single hyphens, starting with a letter and not ending with a hyphen";

/** ARM naming rules, used by tests and by validation of names given explicitly. */
export const ARM_NAME_RULES = {
  storageAccount: /^[a-z0-9]{3,24}$/,
  keyVault: /^(?=.{3,24}$)[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/,
  containerRegistry: /^[a-zA-Z0-9]{5,50}$/,
  workspace: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/,
  logAnalytics: /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/,
  // eslint-disable-next-line no-control-regex -- Azure refuses control characters in Application Insights names.
  applicationInsights: /^[^%&\\?/\x00-\x1f]{0,259}[^%&\\?/\x00-\x1f .]$/,
  resourceGroup: /^[-\w.()]{0,89}[-\w()]$/,
  budget: /^[A-Za-z0-9_-]{1,63}$/,
} as const;

export type ArmNamedType = keyof typeof ARM_NAME_RULES;

const SUFFIX_LENGTH = 6;

/** A stable 6-character suffix for a stack: the same seed always gives the same suffix. */
export function stackSuffix(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, SUFFIX_LENGTH);
}

/** The suffix of the running stack: seeded by `nameSeed` when given, else by `<project>/<stack>` (every component's default). */
export function defaultNameSuffix(nameSeed?: string): string {
  return stackSuffix(nameSeed ?? `${pulumi.getProject()}/${pulumi.getStack()}`);
}

const alphanumeric = (s: string) => s.replace(/[^a-z0-9]/g, "");
const trimHyphens = (s: string) => s.replace(/-+$/g, "").replace(/^-+/g, "");

/** 4 hex characters of the full logical name: stands in for what a shortened name had to drop. */
const HASH_LENGTH = 4;
const nameHash = (logical: string) => createHash("sha256").update(logical).digest("hex").slice(0, HASH_LENGTH);

/**
 * The logical name as it fits in `room` characters after `keep` drops what the resource type does not allow. When
 * characters must go (hyphens from an alphanumeric-only name, or the tail of a long one), a hash of the whole name
 * replaces the tail, so `team-a` and `teama`, or two long names with a common prefix, still get different names.
 */
function fitted(logical: string, room: number, keep: (s: string) => string, trim: (s: string) => string = (s) => s): string {
  const kept = keep(logical);
  if (kept === logical && kept.length <= room) return kept;
  return `${trim(kept.slice(0, room - HASH_LENGTH))}${nameHash(logical)}`;
}

/** `st<name><suffix>`: 3-24 lowercase alphanumerics, globally unique. */
export function storageAccountName(logical: string, suffix: string): string {
  return `st${fitted(logical, 24 - 2 - suffix.length, alphanumeric)}${suffix}`;
}

/** `kv-<name>-<suffix>`: 3-24 characters, starts with a letter, no `--`, globally unique. */
export function keyVaultName(logical: string, suffix: string): string {
  const room = 24 - "kv-".length - 1 - suffix.length;
  // A shortened name keeps a hyphen before its hash: `kv-research-7737-<suffix>`.
  return `kv-${trimHyphens(
    fitted(
      logical,
      room,
      (s) => s,
      (s) => `${trimHyphens(s.slice(0, -1))}-`,
    ),
  )}-${suffix}`;
}

/** `cr<name><suffix>`: 5-50 lowercase alphanumerics, globally unique. */
export function containerRegistryName(logical: string, suffix: string): string {
  return `cr${fitted(logical, 50 - 2 - suffix.length, alphanumeric)}${suffix}`;
}

/** `mlw-<name>-<suffix>`: unique in its resource group; the suffix avoids a soft-deleted predecessor's name. */
export function workspaceName(logical: string, suffix: string, prefix = "mlw"): string {
  const room = 33 - prefix.length - 2 - suffix.length;
  return `${prefix}-${fitted(
    logical,
    room,
    (s) => s,
    (s) => `${trimHyphens(s.slice(0, -1))}-`,
  )}-${suffix}`.replace(/--+/g, "-");
}

/** `log-<name>-<suffix>`: a soft-deleted Log Analytics workspace keeps its name for 14 days. */
export function logAnalyticsName(logical: string, suffix: string): string {
  return `log-${logical}-${suffix}`.replace(/--+/g, "-");
}

export function applicationInsightsName(logical: string, suffix: string): string {
  return `appi-${logical}-${suffix}`.replace(/--+/g, "-");
}

export function resourceGroupName(logical: string): string {
  return `rg-${logical}`;
}

export function budgetName(logical: string): string {
  return `budget-${logical}`;
}

/** Pulumi logical (URN) names for children: `<component>-<role>`. */
export function childName(componentName: string, role: string): string {
  return `${componentName}-${role}`;
}

/**
 * Words Azure refuses in the names of resources with an endpoint (`ReservedResourceName`): the first list as a whole
 * name, MICROSOFT and WINDOWS anywhere in a name, LOGIN at its start. docs/azure-rules/naming-and-regions.md AZ-NAME-02
 */
export const RESERVED_WHOLE_NAMES = [
  "access",
  "app_code",
  "app_themes",
  "app_data",
  "app_globalresources",
  "app_localresources",
  "app_webreferences",
  "app_browsers",
  "azure",
  "bing",
  "bizspark",
  "biztalk",
  "cortana",
  "directx",
  "dotnet",
  "dynamics",
  "excel",
  "exchange",
  "forefront",
  "groove",
  "hololens",
  "hyperv",
  "kinect",
  "lync",
  "msdn",
  "o365",
  "office",
  "office365",
  "onedrive",
  "onenote",
  "outlook",
  "powerpoint",
  "sharepoint",
  "skype",
  "visio",
  "visualstudio",
  "web.config",
  "xbox",
] as const;
export const RESERVED_SUBSTRINGS = ["microsoft", "windows"] as const;
export const RESERVED_PREFIXES = ["login"] as const;

/** The reserved word Azure would refuse `name` for and where it refuses it, or undefined (case is ignored). */
export function reservedWord(name: string): { word: string; where: string } | undefined {
  const lower = name.toLowerCase();
  if ((RESERVED_WHOLE_NAMES as readonly string[]).includes(lower)) return { word: lower, where: "as a whole name" };
  const inside = RESERVED_SUBSTRINGS.find((word) => lower.includes(word));
  if (inside) return { word: inside, where: "anywhere in a name" };
  const start = RESERVED_PREFIXES.find((word) => lower.startsWith(word));
  return start ? { word: start, where: "at the start of a name" } : undefined;
}

/** One name Azure must see once within its scope (`scope` is e.g. `global`, a subscription or a resource group). */
export interface ScopedName<T> {
  scope: string;
  /** The resource type: names are unique per type. */
  kind: string;
  name: string;
  /** Whether Azure compares this type's names ignoring case. */
  ignoreCase: boolean;
  owner: T;
}

/** Every entry whose name an earlier entry of the same type and scope already has, with that first entry. */
export function nameClashes<T>(names: ScopedName<T>[]): { first: ScopedName<T>; again: ScopedName<T> }[] {
  const seen = new Map<string, ScopedName<T>>();
  const clashes: { first: ScopedName<T>; again: ScopedName<T> }[] = [];
  for (const entry of names) {
    const key = `${entry.kind}\u0000${entry.scope.toLowerCase()}\u0000${entry.ignoreCase ? entry.name.toLowerCase() : entry.name}`;
    const first = seen.get(key);
    if (first) clashes.push({ first, again: entry });
    else seen.set(key, entry);
  }
  return clashes;
}
