/**
 * What the bundled stacks' preview results are checked against (test/stacks/bundledStacks.test.ts).
 */
import * as fs from "fs";
import * as path from "path";
import type { RecordedResource, StackResult } from "../../tools/preview/shared/types";
import { REPO_ROOT } from "../previewCli";

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
