import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "./config";
import { moreIssues } from "../components/internal";
import { readRawConfig } from "./rawConfig";
import { formatConfigIssue, validateConfig } from "./validate";

/** Issues listed under the first line of the error; the rest are counted. */
const LISTED_ISSUES = 20;

/**
 * The validated stack config, or a RunError (no stack trace under the Pulumi CLI): its first line names the first
 * issue; with more than one, every issue follows on its own `  - ` line (up to LISTED_ISSUES, then a count).
 */
export function loadConfig(): StackConfig {
  const { config, issues } = validateConfig(readRawConfig(), pulumi.runtime.allConfig(), secretConfigKeys());
  if (!config) {
    const listed = issues.length > 1 ? issues.slice(0, LISTED_ISSUES).map((i) => `\n  - ${formatConfigIssue(i)}`) : [];
    const unlisted = issues.length > LISTED_ISSUES ? [`\n  - and ${issues.length - LISTED_ISSUES} more`] : [];
    throw new pulumi.RunError(formatConfigIssue(issues[0]) + moreIssues(issues.length) + listed.join("") + unlisted.join(""));
  }
  return config;
}

/** The config keys the engine marks secret (set with `--secret`, also by `--path`, which marks the top-level key). */
function secretConfigKeys(): Set<string> {
  // Exported by the runtime but left out of its typings.
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  return new Set(Object.keys(pulumi.runtime.allConfig()).filter((key) => isSecret?.(key) === true));
}
