import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "./config";
import { readRawConfig } from "./rawConfig";
import { formatConfigIssue, validateConfig } from "./validate";

/** The validated stack config, or a one-line RunError (no stack trace under the Pulumi CLI) naming the first issue. */
export function loadConfig(): StackConfig {
  const { config, issues } = validateConfig(readRawConfig(), pulumi.runtime.allConfig(), secretConfigKeys());
  if (!config) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? "s" : ""})` : "";
    throw new pulumi.RunError(formatConfigIssue(issues[0]) + more);
  }
  return config;
}

/** The config keys the engine marks secret (set with `--secret`, also by `--path`, which marks the top-level key). */
function secretConfigKeys(): Set<string> {
  // Exported by the runtime but left out of its typings.
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  return new Set(Object.keys(pulumi.runtime.allConfig()).filter((key) => isSecret?.(key) === true));
}
