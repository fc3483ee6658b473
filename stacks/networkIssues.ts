import { ConfigIssue, PRIVATE_LINK_REGISTRY_SKU } from "../components/internal";
import { HubConfig, StackConfig, WorkspaceConfig } from "./config";
import { privateAccessOf } from "./networkConfig";

/**
 * Network and encryption settings Azure refuses, or that would leave a workspace unreachable, checked across keys
 * before anything is registered (docs/azure-rules/private-networking.md, docs/azure-rules/encryption.md).
 */

type Path = (string | number)[];

function workspaceNetworkIssues(at: Path, ws: WorkspaceConfig | HubConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // docs/azure-rules/private-networking.md AZ-PE-07: a private workspace needs a way in.
  if (ws.publicNetworkAccess === "Disabled" && !ws.privateEndpoint && !ws.privateAccessElsewhere) {
    issues.push({
      path: [...at, "publicNetworkAccess"],
      value: "Disabled",
      rule: "nobody could reach the workspace: add privateEndpoint, or set privateAccessElsewhere: true if endpoints are made outside this stack",
    });
  }
  // docs/azure-rules/private-networking.md AZ-PE-09: dedicated resources with public access off need a way in too.
  for (const key of ["storage", "keyVault", "containerRegistry"] as const) {
    if (privateAccessOf(ws[key]) === "Disabled" && !ws.privateEndpoint && !ws.privateAccessElsewhere)
      issues.push({
        path: [...at, key, "publicNetworkAccess"],
        value: "Disabled",
        rule: "nobody could reach it: add privateEndpoint (its subnet gets the endpoints), or set privateAccessElsewhere: true if endpoints are made outside this stack",
      });
  }
  // docs/azure-rules/private-networking.md AZ-PE-04: approved-outbound-only, or a registry with public access off, reaches
  // the registry by private endpoint.
  const registry = ws.containerRegistry;
  const createdSku =
    registry === false || (registry && "existingId" in registry) || ws.sharedResources ? undefined : (registry?.skuName ?? "Basic");
  const why =
    privateAccessOf(registry) === "Disabled"
      ? "containerRegistry.publicNetworkAccess Disabled"
      : ws.managedNetwork?.isolationMode === "AllowOnlyApprovedOutbound"
        ? "isolationMode AllowOnlyApprovedOutbound"
        : undefined;
  if (why && createdSku !== undefined && createdSku !== PRIVATE_LINK_REGISTRY_SKU) {
    issues.push({
      path: [...at, "containerRegistry", "skuName"],
      value: createdSku,
      rule: `${why} reaches the registry by private endpoint, which needs the ${PRIVATE_LINK_REGISTRY_SKU} tier: set containerRegistry.skuName: ${PRIVATE_LINK_REGISTRY_SKU} (or containerRegistry: false)`,
    });
  }
  // docs/azure-rules/private-networking.md AZ-PE-10: the allow-list only narrows public access.
  const effectiveAccess = ws.publicNetworkAccess ?? (ws.privateEndpoint ? "Disabled" : "Enabled");
  if (ws.ipAllowlist?.length && effectiveAccess === "Disabled") {
    issues.push({
      path: [...at, "ipAllowlist"],
      value: ws.ipAllowlist,
      rule: `applies only while public network access is on, and it is ${ws.publicNetworkAccess ? "set" : "defaulted (privateEndpoint)"} to Disabled: set publicNetworkAccess: Enabled or drop ipAllowlist`,
    });
  }
  const encryption = ws.encryption;
  if (encryption) {
    // docs/azure-rules/encryption.md AZ-CMK-01
    if (!encryption.keyVaultPurgeProtection) {
      issues.push({
        path: [...at, "encryption", "keyVaultPurgeProtection"],
        value: encryption.keyVaultPurgeProtection,
        rule: "a customer-managed key must be in a key vault with purge protection and soft delete: enable them on the vault and set true",
      });
    }
    // docs/azure-rules/encryption.md AZ-CMK-03
    if ((ws.identity?.userAssignedIdentityIds ?? []).length === 0) {
      issues.push({
        path: [...at, "encryption"],
        value: "set",
        rule: "needs identity.userAssignedIdentityIds: the key role is granted to a user-assigned identity before the workspace exists",
      });
    }
    // docs/azure-rules/encryption.md AZ-CMK-02
    const vaultName = /\/vaults\/([^/]+)$/i.exec(encryption.keyVaultId)?.[1];
    const uriVault = /^https:\/\/([^.]+)\./.exec(encryption.keyUri)?.[1];
    if (vaultName && uriVault && vaultName.toLowerCase() !== uriVault.toLowerCase()) {
      issues.push({
        path: [...at, "encryption", "keyUri"],
        value: encryption.keyUri,
        rule: `the key must be in the vault keyVaultId names (${vaultName}), not ${uriVault}`,
      });
    }
  }
  return issues;
}

/** Every network or encryption issue of the config's workspaces and hubs. */
export function networkIssues(config: StackConfig): ConfigIssue[] {
  return [
    ...(config.workspaces ?? []).flatMap((ws, i) => workspaceNetworkIssues(["workspaces", i], ws)),
    ...(config.hubs ?? []).flatMap((hub, i) => workspaceNetworkIssues(["hubs", i], hub)),
  ];
}
