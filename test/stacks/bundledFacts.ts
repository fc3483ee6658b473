/**
 * What the bundled stacks' preview results are checked against: each stack's config, read and validated as the
 * program reads it (test/stacks/bundledStacks.test.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { accessPlan } from "../../stacks/accessPlan";
import { bindingHash } from "../../components/access/roleBindings";
import type { StackConfig } from "../../stacks/config";
import type { RecordedResource, StackResult } from "../../tools/preview/shared/types";
import { REPO_ROOT } from "../previewCli";
import { validateStackFile } from "./stackFileConfig";

const STACKS_DIR = path.join(REPO_ROOT, "stacks");

/** Every stack file under stacks/, by stack name. */
export const BUNDLED = fs
  .readdirSync(STACKS_DIR)
  .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
  .sort();

/** The resource types holding data or other resources, which every stack protects. */
export const STATEFUL = [
  "azure-native:storage:StorageAccount",
  "azure-native:keyvault:Vault",
  "azure-native:containerregistry:Registry",
  "azure-native:operationalinsights:Workspace",
  "azure-native:machinelearningservices:Workspace",
  "azure-native:resources:ResourceGroup",
];

export const ofType = (s: StackResult, type: string): RecordedResource[] => s.resources.filter((r) => r.type === type);

/** The validated config of a bundled stack. */
export const stackConfig = (name: string): StackConfig => validateStackFile(path.join(STACKS_DIR, `Pulumi.${name}.yaml`)).config!;

/** The role assignments of a stack's RoleBindings components, and those its access plan asks for, by logical name. */
export function roleAssignments(s: StackResult): { stack: string; created: string[]; planned: string[] } {
  const components = new Set(ofType(s, "azure-ml-workspaces:access:RoleBindings").map((r) => r.name));
  const created = ofType(s, "azure-native:authorization:RoleAssignment")
    .map((r) => r.name)
    .filter((name) => components.has(name.slice(0, name.lastIndexOf("-"))));
  const planned = accessPlan(stackConfig(s.stack)).map((g) => `${g.component}-${bindingHash(g)}`);
  return { stack: s.stack, created: created.sort(), planned: planned.sort() };
}

/** Per workspace or hub entry: whether it has a usage workbook, and whether it has a diagnostic setting and no opt-out. */
export function usageWorkbooks(s: StackResult): { entry: string; hasWorkbook: boolean; expected: boolean }[] {
  const { workspaces = [], hubs = [] } = stackConfig(s.stack);
  return [...workspaces, ...hubs].map((entry) => ({
    entry: entry.name,
    hasWorkbook: s.resources.some((r) => r.type === "azure-ml-workspaces:cost:UsageWorkbook" && r.name === `${entry.name}-usage`),
    expected:
      entry.usageWorkbook !== false &&
      s.resources.some((r) => r.type === "azure-native:monitor:DiagnosticSetting" && r.name.startsWith(`${entry.name}-`)),
  }));
}
