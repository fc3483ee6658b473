import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "./config";
import { readRawConfig } from "./rawConfig";
import { formatConfigIssue, validateConfig } from "./validate";

/** The validated stack config, or a one-line RunError (no stack trace under the Pulumi CLI) naming the first issue. */
export function loadConfig(): StackConfig {
  const { config, issues } = validateConfig(readRawConfig(), pulumi.runtime.allConfig());
  if (!config) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? "s" : ""})` : "";
    throw new pulumi.RunError(formatConfigIssue(issues[0]) + more);
  }
  return config;
}
