import * as pulumi from "@pulumi/pulumi";
import { readRawConfig } from "../../stacks/rawConfig";
import { formatConfigIssue, validateConfig } from "../../stacks/validate";
import type { StackConfig } from "../../stacks/config";
import { buildConfigEnv } from "../../tools/preview/host/project";
import { readStackFile } from "../../tools/preview/host/stackFile";

const PROJECT = "azure-ml-workspaces";

/**
 * The first refusal of a stack file, or the config when it passes: read by the offline preview's reader, set as the
 * engine's config, then read and validated as stacks/loadConfig.ts does (which passes `pulumi.runtime.allConfig()`).
 */
export function validateStackFile(file: string): { line?: string; config?: StackConfig } {
  let env: { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string };
  try {
    const stackFile = readStackFile(file, {});
    env = buildConfigEnv(PROJECT, {}, stackFile.config, stackFile.secretKeys);
  } catch (err) {
    return { line: (err as Error).message };
  }
  pulumi.runtime.setAllConfig(JSON.parse(env.PULUMI_CONFIG), JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS));
  const { config, issues } = validateConfig(readRawConfig(), pulumi.runtime.allConfig());
  return config ? { config } : { line: formatConfigIssue(issues[0]) };
}
