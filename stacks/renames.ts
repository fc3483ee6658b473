import * as pulumi from "@pulumi/pulumi";
import { type ConfigIssue } from "../components/internal";
import type { StackConfig } from "./config";

/**
 * Renamed entries. `aliases` lists an entry's former names, oldest first: its Pulumi resources keep their identity
 * through Pulumi aliases, and its Azure names keep deriving from the first name it ever had, so a rename changes
 * nothing in Azure. docs/azure-rules/data-protection.md AZ-DATA-09
 */
export interface Renamable {
  name: string;
  aliases?: string[];
}

/** The logical name the entry's Azure names derive from. */
export const azureNameOf = (entry: Renamable): string => entry.aliases?.[0] ?? entry.name;

/** Pulumi aliases for a top-level resource named `<entry name><suffix>`: the same resource under each former name. */
export const aliasesOf = (entry: Renamable, suffix = ""): pulumi.Alias[] =>
  (entry.aliases ?? []).map((old) => ({ name: `${old}${suffix}` }));

/** Names the program gives an entry's top-level resources: the component, `-rg` and `-access`. */
const TOP_LEVEL_SUFFIXES = ["", "-rg", "-access"];

/**
 * Gives each renamed entry's top-level resources a Pulumi alias per former name (their children inherit them through
 * `parent`), so the program's constructors stay as they are.
 */
export function registerRenames(config: StackConfig): void {
  const former = new Map<string, pulumi.Alias[]>();
  for (const { entry } of entries(config)) {
    for (const suffix of TOP_LEVEL_SUFFIXES) if (entry.aliases?.length) former.set(`${entry.name}${suffix}`, aliasesOf(entry, suffix));
  }
  if (former.size === 0) return;
  pulumi.runtime.registerStackTransformation(({ name, props, opts }) => {
    const aliases = opts.parent ? undefined : former.get(name);
    return aliases ? { props, opts: { ...opts, aliases: [...(opts.aliases ?? []), ...aliases] } } : undefined;
  });
}

/** Every entry that can carry aliases, with its config path. */
function entries(config: StackConfig): { path: (string | number)[]; entry: Renamable }[] {
  return [
    ...(config.workspaces ?? []).map((entry, i) => ({ path: ["workspaces", i], entry })),
    ...(config.hubs ?? []).flatMap((hub, i) => [
      { path: ["hubs", i], entry: hub },
      ...(hub.projects ?? []).map((entry, j) => ({ path: ["hubs", i, "projects", j], entry })),
    ]),
    ...(config.shared ? [{ path: ["shared"], entry: config.shared }] : []),
  ];
}

/** An alias must not name another entry (current or former): two entries would claim the same resources. */
export function aliasIssues(config: StackConfig): ConfigIssue[] {
  const all = entries(config);
  const owner = new Map(all.map(({ entry }) => [entry.name, entry]));
  const issues: ConfigIssue[] = [];
  for (const { path, entry } of all) {
    (entry.aliases ?? []).forEach((alias, k) => {
      const other = owner.get(alias);
      if (other !== undefined) {
        const whose = other === entry ? "the entry's own name" : `the name of another entry`;
        issues.push({ path: [...path, "aliases", k], value: alias, rule: `is ${whose}; an alias is a former name no entry uses now` });
      } else owner.set(alias, entry);
    });
  }
  return issues;
}
