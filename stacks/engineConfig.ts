import { ConfigIssue, parseJsonOrString } from "../components/internal";
import { NAMESPACE } from "./namespace";
import { editDistance } from "./configMessages";
import { regionProblem } from "./region";

/**
 * Checks of the config outside this project's namespace, as the engine hands it over (`namespace:key` → string):
 * the provider region, and keys under a misspelt namespace (`azure-ml-workspace:workspaces`), which no program
 * reads, so the setting they hold would silently not apply.
 */

export const KNOWN_NAMESPACES = [NAMESPACE, "azure-native", "azuread", "pulumi"];
const LOCATION_KEY = "azure-native:location";

export function engineConfigIssues(all: Record<string, string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, value] of Object.entries(all)) {
    const namespace = key.includes(":") ? key.slice(0, key.indexOf(":")) : "";
    if (namespace === "" || KNOWN_NAMESPACES.includes(namespace)) continue;
    const meant = nearest(namespace, KNOWN_NAMESPACES);
    if (meant) {
      const rule = `unknown namespace "${namespace}" (did you mean "${meant}:${key.slice(namespace.length + 1)}"?): nothing reads this key`;
      issues.push({ path: [key], value: parsed(value), rule });
    }
  }
  const location = all[LOCATION_KEY];
  if (location === undefined || location.trim() === "") {
    const lookalike = Object.keys(all).find((key) => key !== LOCATION_KEY && nearest(key, [LOCATION_KEY]) !== undefined);
    const hint = lookalike ? ` (found "${lookalike}": a typo?)` : "";
    const rule = `is missing: set the Azure region, e.g. \`pulumi config set azure-native:location westeurope\`${hint}`;
    issues.push({ path: [LOCATION_KEY], value: location, rule });
  } else {
    const problem = regionProblem(parsed(location));
    if (problem) issues.push({ path: [LOCATION_KEY], value: parsed(location), rule: problem });
  }
  return issues;
}

/** Structured values arrive as JSON text; shown parsed, they read as they were written. */
const parsed = parseJsonOrString;

/** Namespaces of other Azure providers that people write when they mean azure-native. */
const MEANT: Record<string, string> = { azure: "azure-native", "azure-nextgen": "azure-native" };

/** The closest candidate within a couple of edits, ignoring case, `-` and `_`. */
function nearest(text: string, candidates: string[]): string | undefined {
  if (MEANT[text.toLowerCase()]) return MEANT[text.toLowerCase()];
  const plain = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const ranked = candidates
    .map((candidate) => ({ candidate, distance: plain(candidate) === plain(text) ? 0 : editDistance(text.toLowerCase(), candidate) }))
    .sort((a, b) => a.distance - b.distance);
  return ranked[0] && ranked[0].distance <= 2 ? ranked[0].candidate : undefined;
}
