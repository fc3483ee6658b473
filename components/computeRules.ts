/**
 * Azure rules for compute and connections, in one place: the config validation, the components and the policies
 * use them. Pure: no Pulumi.
 */
import type { BuiltInRoleName } from "./access/roleCatalog";

/**
 * docs/azure-rules/compute.md AZ-COMPUTE-01: 3-24 letters, digits and hyphens, starting with a letter, a hyphen
 * followed later by at least one letter; unique among the computes of a region.
 */
export const COMPUTE_NAME = /^(?=.{3,24}$)[A-Za-z][A-Za-z0-9-]*$/;
export const COMPUTE_NAME_RULE =
  "3-24 letters, digits or hyphens, starting with a letter, every hyphen followed later by a letter (unique among the computes of a region)";

export function isComputeName(name: string): boolean {
  if (!COMPUTE_NAME.test(name)) return false;
  const lastHyphen = name.lastIndexOf("-");
  return lastHyphen < 0 || /[A-Za-z]/.test(name.slice(lastHyphen + 1));
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO 8601 duration of days, hours, minutes and seconds (`PT15M`, `P1DT2H`) in seconds; undefined otherwise. */
export function durationSeconds(value: string): number | undefined {
  const m = DURATION.exec(value);
  if (!m || value === "P" || value.endsWith("T")) return undefined;
  const [d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0));
  return ((d * 24 + h) * 60 + min) * 60 + s;
}
export const DURATION_RULE = "an ISO 8601 duration of days, hours, minutes or seconds such as PT30M or P1DT2H";

/** docs/azure-rules/compute.md AZ-COMPUTE-03: a compute instance's idle shutdown lies between 15 minutes and 3 days. */
export const INSTANCE_IDLE_SHUTDOWN = { minSeconds: 15 * 60, maxSeconds: 3 * 24 * 3600 } as const;

/** What is wrong with an instance's idle-shutdown time, or undefined. */
export function idleShutdownProblem(value: string): string | undefined {
  const seconds = durationSeconds(value);
  if (seconds === undefined) return `must be ${DURATION_RULE}`;
  if (seconds < INSTANCE_IDLE_SHUTDOWN.minSeconds || seconds > INSTANCE_IDLE_SHUTDOWN.maxSeconds)
    return "idle shutdown must lie between 15 minutes (PT15M) and 3 days (P3D)";
  return undefined;
}

/**
 * docs/azure-rules/compute.md AZ-COMPUTE-08: the instance a member of a group gets is named after the set's prefix and
 * the first 8 hex digits of the member's object id behind a letter (`<prefix>-u<hex8>`), so every hyphen is followed
 * by a letter and the name stays within 24 characters.
 */
export const MEMBER_INSTANCE_PREFIX = /^[A-Za-z][A-Za-z0-9-]{1,13}$/;
export const MEMBER_INSTANCE_PREFIX_RULE =
  "2-14 letters, digits or hyphens, starting with a letter (names become <prefix>-u<first 8 hex digits of the member>)";
export const memberInstanceName = (prefix: string, objectId: string) => `${prefix}-u${objectId.slice(0, 8).toLowerCase()}`;

/** docs/azure-rules/compute.md AZ-COMPUTE-02: a cluster scales down to `minNodes`; 0 bills nothing while idle. */
export const CLUSTER_DEFAULTS = { minNodes: 0, idleTimeBeforeScaleDown: "PT120S" } as const;
export const INSTANCE_DEFAULTS = { idleTimeBeforeShutdown: "PT60M" } as const;

/**
 * docs/azure-rules/connections.md AZ-CONN-04: the `connectionName` path parameter of workspace connections in the
 * Azure ML REST API: 3-33 letters, digits, `_` or `-`, starting with a letter or digit.
 */
export const CONNECTION_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/;
export const CONNECTION_NAME_RULE = "3-33 letters, digits, _ or -, starting with a letter or digit";

/** The connection categories this package creates, with the ARM type of their target. */
export const CONNECTION_TARGET_TYPES = {
  AzureOpenAI: "Microsoft.CognitiveServices/accounts",
  AIServices: "Microsoft.CognitiveServices/accounts",
  CognitiveSearch: "Microsoft.Search/searchServices",
  AzureBlob: "Microsoft.Storage/storageAccounts",
  AzureDataLakeGen2: "Microsoft.Storage/storageAccounts",
  ContainerRegistry: "Microsoft.ContainerRegistry/registries",
} as const;
export type ConnectionCategory = keyof typeof CONNECTION_TARGET_TYPES;
export const CONNECTION_CATEGORIES = Object.keys(CONNECTION_TARGET_TYPES) as ConnectionCategory[];

/**
 * docs/azure-rules/connections.md AZ-CONN-02: the role the workspace (hub) identity needs on the target of a
 * connection that authenticates with Microsoft Entra ID.
 */
export const CONNECTION_TARGET_ROLES: Record<ConnectionCategory, BuiltInRoleName> = {
  AzureOpenAI: "Cognitive Services OpenAI User",
  AIServices: "Cognitive Services User",
  CognitiveSearch: "Search Index Data Contributor",
  AzureBlob: "Storage Blob Data Contributor",
  AzureDataLakeGen2: "Storage Blob Data Contributor",
  ContainerRegistry: "AcrPull",
};

/** docs/azure-rules/connections.md AZ-CONN-01: the connection's auth type Azure ML expects for identity or key auth. */
export function connectionAuthType(auth: "identity" | "key", category: ConnectionCategory): "AAD" | "ApiKey" | "AccountKey" {
  if (auth === "identity") return "AAD";
  return category === "AzureBlob" || category === "AzureDataLakeGen2" ? "AccountKey" : "ApiKey";
}

/** Node public IPs can be turned off only where the nodes reach Azure privately (a managed network or a subnet). */
export function nodePublicIpProblem(noPublicIp: boolean, hasManagedNetwork: boolean, subnetId: string | undefined): string | undefined {
  if (!noPublicIp || hasManagedNetwork || subnetId) return undefined;
  return "compute without a public IP needs a subnet (subnetId) or the workspace's managed network";
}
