/**
 * Which stateful resources a config change would replace or delete, from the preview of the previous config (`--base`)
 * and of the current one. Pure: the two recordings in, the findings out. docs/azure-rules/data-protection.md AZ-DATA-10
 */
import type { RecordedResource, StackResult } from "../shared/types";
import { UNKNOWN_VALUE } from "../shared/types";

/**
 * Inputs whose change makes azure-native replace the resource: every segment of its ARM id (the provider replaces on
 * any path-parameter change) and the properties Azure fixes at creation.
 */
export const REPLACE_ON_CHANGES: Readonly<Record<string, readonly string[]>> = {
  "azure-native:resources:ResourceGroup": ["resourceGroupName", "location"],
  "azure-native:storage:StorageAccount": ["resourceGroupName", "accountName", "location"],
  "azure-native:storage:BlobContainer": ["resourceGroupName", "accountName", "containerName"],
  "azure-native:keyvault:Vault": ["resourceGroupName", "vaultName", "location"],
  "azure-native:operationalinsights:Workspace": ["resourceGroupName", "workspaceName", "location"],
  "azure-native:containerregistry:Registry": ["resourceGroupName", "registryName", "location"],
  "azure-native:machinelearningservices:Workspace": [
    "resourceGroupName",
    "workspaceName",
    "location",
    "kind",
    "hbiWorkspace",
    "storageAccount",
    "keyVault",
    "applicationInsights",
    "containerRegistry",
    "hubResourceId",
  ],
};

export interface Replacement {
  urn: string;
  type: string;
  name: string;
  /** `replace`: the resource stays in the program with an input Azure fixes at creation; `delete`: it is gone. */
  change: "replace" | "delete";
  /** The inputs that force the replacement, with their values before and after. */
  properties: { name: string; before: unknown; after: unknown }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const isUnknown = (v: unknown) => v === UNKNOWN_VALUE;

/** The resource's Azure identity: its type and the inputs that make up its ARM id. */
function identity(r: RecordedResource): string {
  const keys = (REPLACE_ON_CHANGES[r.type] ?? []).filter((k) => k === "resourceGroupName" || /Name$/.test(k));
  return JSON.stringify([r.type, ...keys.map((k) => String(r.inputs[k] ?? "").toLowerCase())]);
}

/** A child's URN under `parent`, as the preview's monitor builds it. */
function childUrn(parent: string, type: string, name: string): string {
  const [prefix, , qualified] = parent.split("::");
  return [prefix, parent.split("::")[1], `${qualified.split("$").pop()}$${type}`, name].join("::");
}

/**
 * Every URN a resource answers to: its own, its aliases, and those it inherits from its parent's aliases (the engine
 * renames a child whose name starts with its parent's, as `<alias name><rest>`). Parents come before children.
 */
export function urnsWithAliases(resources: RecordedResource[]): Map<string, RecordedResource> {
  const known = new Map<string, string[]>();
  const index = new Map<string, RecordedResource>();
  for (const r of resources) {
    const parentName = r.parent?.split("::").pop() ?? "";
    const inherited = (r.parent ? (known.get(r.parent) ?? []) : []).map((alias) => {
      const aliasName = alias.split("::").pop()!;
      const name = parentName && r.name.startsWith(parentName) ? aliasName + r.name.slice(parentName.length) : r.name;
      return childUrn(alias, r.type, name);
    });
    const aliases = [...(r.aliases ?? []), ...inherited];
    known.set(r.urn, aliases);
    for (const urn of [r.urn, ...aliases]) index.set(urn, r);
  }
  return index;
}

/**
 * Stateful resources of `base` that `head` replaces or deletes. A resource is the same one when its URN (or one of its
 * aliases) is kept, or when a resource of the same type keeps its Azure identity.
 */
export function findReplacements(base: RecordedResource[], head: RecordedResource[]): Replacement[] {
  const byUrn = urnsWithAliases(head);
  const byIdentity = new Map(head.filter((r) => REPLACE_ON_CHANGES[r.type]).map((r) => [identity(r), r]));
  const findings: Replacement[] = [];
  for (const before of base) {
    const watched = REPLACE_ON_CHANGES[before.type];
    if (!watched) continue;
    const after = byUrn.get(before.urn) ?? byIdentity.get(identity(before));
    const entry = { urn: before.urn, type: before.type, name: before.name };
    if (!after) {
      findings.push({ ...entry, change: "delete", properties: [] });
      continue;
    }
    const changed = watched
      .filter((k) => !isUnknown(before.inputs[k]) && !isUnknown(after.inputs[k]) && !same(before.inputs[k], after.inputs[k]))
      .map((k) => ({ name: k, before: before.inputs[k], after: after.inputs[k] }));
    if (changed.length) findings.push({ ...entry, change: "replace", properties: changed });
  }
  return findings;
}

/** What a stack result carries once compared with its base (an extra JSON field). */
export type WithReplacements = StackResult & { replacements?: Replacement[]; baseError?: string };

/** Text lines for `--format text`. */
export function renderReplacementsText(stack: WithReplacements): string[] {
  if (stack.baseError !== undefined) return [`Compared with --base: the base config failed: ${stack.baseError}`];
  if (!stack.replacements) return [];
  if (stack.replacements.length === 0) return ["Compared with --base: no stateful resource is replaced or deleted"];
  const show = (v: unknown) => JSON.stringify(v) ?? "undefined";
  return [
    `Compared with --base: ${stack.replacements.length} stateful resource(s) replaced or deleted`,
    ...stack.replacements.map((r) =>
      r.change === "delete"
        ? `    deletes ${r.type} ${r.name}`
        : `    replaces ${r.type} ${r.name} (${r.properties.map((p) => `${p.name}: ${show(p.before)} -> ${show(p.after)}`).join(", ")})`,
    ),
  ];
}
