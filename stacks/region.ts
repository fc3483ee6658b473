import regionData from "./azureRegions.json";
import { editDistance } from "./configMessages";

/**
 * The Azure region (`azure-native:location`): one of Azure's region names, kept as data with its source and date in
 * `azureRegions.json`. docs/azure-rules/naming-and-regions.md AZ-NAME-01
 */

export const REGION_SOURCE = { url: regionData.source, retrieved: regionData.retrieved };
export const REGIONS: Readonly<Record<string, string>> = regionData.regions;

/** Programmatic names and display names compare without case and spaces: `West Europe` is `westeurope`. */
const plain = (text: string) => text.toLowerCase().replace(/\s+/g, "");

/** The programmatic name of a region written either way, or undefined for a name Azure does not have. */
export function regionName(text: string): string | undefined {
  const wanted = plain(text);
  return Object.keys(REGIONS).find((name) => name === wanted);
}

/** What is wrong with `value` as the region, or undefined when it names an Azure region. */
export function regionProblem(value: unknown): string | undefined {
  if (typeof value !== "string") {
    const got = Array.isArray(value) ? "a list" : value === null ? "nothing" : typeof value === "object" ? "an object" : typeof value;
    return `the region must be a region name such as westeurope, got ${got}`;
  }
  if (regionName(value)) return undefined;
  const near = nearestRegion(value);
  const hint = near ? ` (did you mean "${near}"?)` : "";
  return `"${value}" is not an Azure region${hint}; use a programmatic name from \`az account list-locations\` such as westeurope (list of ${REGION_SOURCE.retrieved})`;
}

/** The region within a few edits of `text`, ignoring case and spaces. */
function nearestRegion(text: string): string | undefined {
  const wanted = plain(text);
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(REGIONS)) {
    const distance = editDistance(wanted, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 4)) ? best.name : undefined;
}
