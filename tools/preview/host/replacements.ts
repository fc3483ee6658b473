/** `--base FILE|DIR`: the stateful resources a config change replaces or deletes. docs/azure-rules/data-protection.md AZ-DATA-10 */
import * as fs from "fs";
import * as path from "path";
import { errorLine } from "../shared/messages";
import type { RecordedResource, StackResult } from "../shared/types";
import { UNKNOWN_VALUE } from "../shared/types";
import { listStackFiles, type PulumiProject } from "./project";
import type { Scheduler } from "./scheduler";

/** Inputs whose change makes azure-native replace the resource: its ARM id's segments and what Azure fixes at creation. */
export const REPLACE_ON_CHANGES: Readonly<Record<string, readonly string[]>> = {
  "azure-native:resources:ResourceGroup": ["resourceGroupName", "location"],
  "azure-native:storage:StorageAccount": ["resourceGroupName", "accountName", "location"],
  "azure-native:storage:BlobContainer": ["resourceGroupName", "accountName", "containerName"],
  "azure-native:keyvault:Vault": ["resourceGroupName", "vaultName", "location"],
  "azure-native:operationalinsights:Workspace": ["resourceGroupName", "workspaceName", "location"],
  "azure-native:containerregistry:Registry": ["resourceGroupName", "registryName", "location"],
  "azure-native:machinelearningservices:Workspace": [
    ...["resourceGroupName", "workspaceName", "location", "kind", "hbiWorkspace", "storageAccount", "keyVault"],
    ...["applicationInsights", "containerRegistry", "hubResourceId"],
  ],
};

export interface Replacement {
  urn: string;
  type: string;
  name: string;
  /** `replace`: the resource stays with an input Azure fixes at creation changed; `delete`: it is gone. */
  change: "replace" | "delete";
  properties: { name: string; before: unknown; after: unknown }[];
}

/** What a stack result carries once compared with its base (extra JSON fields). */
export type WithReplacements = StackResult & { replacements?: Replacement[]; baseError?: string };

/** The resource's Azure identity: its type and the inputs that make up its ARM id. */
function identity(r: RecordedResource): string {
  const keys = (REPLACE_ON_CHANGES[r.type] ?? []).filter((k) => k === "resourceGroupName" || /Name$/.test(k));
  return JSON.stringify([r.type, ...keys.map((k) => String(r.inputs[k] ?? "").toLowerCase())]);
}

/**
 * Every URN a resource answers to: its own, its aliases, and those it inherits from its parent's aliases (the engine
 * renames a child whose name starts with its parent's, as `<alias name><rest>`). Parents come before children.
 */
function urnsWithAliases(resources: RecordedResource[]): Map<string, RecordedResource> {
  const known = new Map<string, string[]>();
  const index = new Map<string, RecordedResource>();
  for (const r of resources) {
    const parentName = r.parent?.split("::").pop() ?? "";
    const inherited = (r.parent ? (known.get(r.parent) ?? []) : []).map((alias) => {
      const [prefix, project, qualified, aliasName] = alias.split("::");
      const name = parentName && r.name.startsWith(parentName) ? aliasName + r.name.slice(parentName.length) : r.name;
      return [prefix, project, `${qualified.split("$").pop()}$${r.type}`, name].join("::");
    });
    const aliases = [...(r.aliases ?? []), ...inherited];
    known.set(r.urn, aliases);
    for (const urn of [r.urn, ...aliases]) index.set(urn, r);
  }
  return index;
}

/** Stateful resources of `base` that `head` replaces or deletes; the same resource keeps its URN, an alias or its Azure identity. */
export function findReplacements(base: RecordedResource[], head: RecordedResource[]): Replacement[] {
  const byUrn = urnsWithAliases(head);
  const byIdentity = new Map(head.filter((r) => REPLACE_ON_CHANGES[r.type]).map((r) => [identity(r), r]));
  const same = (a: unknown, b: unknown) =>
    a === UNKNOWN_VALUE || b === UNKNOWN_VALUE || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return base.flatMap((before): Replacement[] => {
    const watched = REPLACE_ON_CHANGES[before.type];
    if (!watched) return [];
    const after = byUrn.get(before.urn) ?? byIdentity.get(identity(before));
    const entry = { urn: before.urn, type: before.type, name: before.name };
    if (!after) return [{ ...entry, change: "delete", properties: [] }];
    const changed = watched.filter((k) => !same(before.inputs[k], after.inputs[k]));
    const properties = changed.map((k) => ({ name: k, before: before.inputs[k], after: after.inputs[k] }));
    return properties.length ? [{ ...entry, change: "replace", properties }] : [];
  });
}

/**
 * Previews the base config, the project's stack files with the base ones laid over them (so the base of a stack that
 * references another still finds it), and adds `replacements` (or `baseError`) to each stack that did not fail itself.
 * A file named `Pulumi.<stack>.yaml` is that stack's base; another file is the base of the only stack previewed.
 */
export async function compareWithBase(
  project: PulumiProject,
  base: string,
  results: WithReplacements[],
  preview: (project: PulumiProject) => Scheduler,
): Promise<void> {
  if (!fs.existsSync(base)) throw new Error(`--base: ${base} does not exist`);
  const stackFiles = new Map(project.stackFiles);
  if (fs.statSync(base).isDirectory()) listStackFiles(base).forEach((file, stack) => stackFiles.set(stack, file));
  else {
    const named = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(base))?.[1];
    const stack = named && project.stacks.includes(named) ? named : results.length === 1 ? results[0].stack : undefined;
    if (!stack) throw new Error(`--base: ${base} is not named Pulumi.<stack>.yaml and several stacks are previewed`);
    stackFiles.set(stack, base);
  }
  try {
    const scheduler = preview({ ...project, stacks: [...stackFiles.keys()].sort(), stackFiles });
    for (const result of results) {
      if (result.error !== undefined) continue;
      const before = await scheduler.result(result.stack);
      if (before.error !== undefined) result.baseError = before.error;
      else result.replacements = findReplacements(before.resources, result.resources);
    }
  } catch (err) {
    for (const result of results) result.baseError ??= errorLine(err);
  }
}
