import type { IsolationMode } from "../workspaceSettings";

/**
 * What Azure documents for private endpoints and managed-network rules, as data: every component, config check and
 * policy that needs one of these facts reads it here (docs/azure-rules/private-networking.md).
 */

/** A private-link target this package makes inbound endpoints for. */
export type PrivateLinkTarget = "workspace" | "blob" | "file" | "vault" | "registry";

/**
 * The endpoint's group id and the private DNS zones its records go to, by target.
 * docs/azure-rules/private-networking.md AZ-PE-01 (workspace), AZ-PE-02 (associated resources).
 */
export const PRIVATE_LINK: Record<PrivateLinkTarget, { groupId: string; zones: readonly string[] }> = {
  workspace: { groupId: "amlworkspace", zones: ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"] },
  blob: { groupId: "blob", zones: ["privatelink.blob.core.windows.net"] },
  file: { groupId: "file", zones: ["privatelink.file.core.windows.net"] },
  vault: { groupId: "vault", zones: ["privatelink.vaultcore.azure.net"] },
  registry: { groupId: "registry", zones: ["privatelink.azurecr.io"] },
};

/** Every zone the given targets need, each once, in a stable order. */
export function zonesFor(targets: readonly PrivateLinkTarget[]): string[] {
  return [...new Set(targets.flatMap((t) => PRIVATE_LINK[t].zones))];
}

export type OutboundRuleType = "FQDN" | "PrivateEndpoint" | "ServiceTag";

/** docs/azure-rules/private-networking.md AZ-PE-03: FQDN and ServiceTag rules only with approved-outbound-only. */
export const RULE_TYPES_BY_MODE: Record<IsolationMode, readonly OutboundRuleType[]> = {
  Disabled: [],
  AllowInternetOutbound: ["PrivateEndpoint"],
  AllowOnlyApprovedOutbound: ["PrivateEndpoint", "ServiceTag", "FQDN"],
};

/** Why a rule of `type` is refused under `mode`, or undefined when Azure accepts it. */
export function ruleTypeProblem(type: OutboundRuleType, mode: IsolationMode): string | undefined {
  if (RULE_TYPES_BY_MODE[mode].includes(type)) return undefined;
  if (mode === "Disabled")
    return "outbound rules need a managed network: set isolationMode AllowInternetOutbound or AllowOnlyApprovedOutbound";
  return `${type} rules need isolationMode AllowOnlyApprovedOutbound; AllowInternetOutbound takes PrivateEndpoint rules only`;
}

/**
 * docs/azure-rules/private-networking.md AZ-PE-04: approved-outbound-only makes private endpoints to the registry,
 * and a registry takes private endpoints only on the Premium tier.
 */
export const PRIVATE_LINK_REGISTRY_SKU = "Premium";

/** A rule Azure ML adds to a managed network by itself, shown to reviewers (it is not sent). */
export interface RequiredOutboundRule {
  readonly type: OutboundRuleType;
  readonly destination: string;
  readonly purpose: string;
}

const REQUIRED_SERVICE_TAGS: readonly [string, string][] = [
  ["AzureMachineLearning", "Azure ML services; compute instance management"],
  ["AzureActiveDirectory", "authentication with Microsoft Entra ID"],
  ["BatchNodeManagement.<region>", "Azure Batch back end of compute instances and clusters"],
  ["AzureResourceManager", "creating Azure resources from Azure ML, the CLI and the SDK"],
  ["AzureFrontDoor.FirstParty", "Docker images provided by Microsoft"],
  ["MicrosoftContainerRegistry", "Docker images provided by Microsoft"],
  ["AzureMonitor", "logs and metrics, unless Azure Monitor is private"],
  ["VirtualNetwork", "private endpoints in the network"],
];

/**
 * The rules Azure ML adds itself under `mode` (docs/azure-rules/private-networking.md AZ-PE-05): private endpoints
 * to the workspace and its associated resources (all of them with approved-outbound-only, those with public access
 * off with internet outbound), plus the required service tags.
 */
export function requiredOutboundRules(mode: IsolationMode, privateResources: readonly string[]): RequiredOutboundRule[] {
  if (mode === "Disabled") return [];
  const endpoints = mode === "AllowOnlyApprovedOutbound" ? ["workspace", "storage", "keyVault", "containerRegistry"] : privateResources;
  return [
    ...endpoints.map((r) => ({ type: "PrivateEndpoint" as const, destination: r, purpose: `private endpoint to the ${r}` })),
    ...REQUIRED_SERVICE_TAGS.map(([tag, purpose]) => ({ type: "ServiceTag" as const, destination: tag, purpose })),
  ];
}
