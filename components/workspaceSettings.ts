import * as pulumi from "@pulumi/pulumi";
import type * as types from "@pulumi/azure-native/types/input";

/** Settings shared by a workspace, a hub and a project, and the pure mapping to Workspace inputs. */

export const WORKSPACE_SKUS = ["Free", "Basic", "Standard", "Premium"] as const;
export type WorkspaceSku = (typeof WORKSPACE_SKUS)[number];

export const ISOLATION_MODES = ["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"] as const;
export type IsolationMode = (typeof ISOLATION_MODES)[number];

export type OutboundRule =
  | { readonly type: "FQDN"; readonly destination: string; readonly category?: "UserDefined" | "Required" | "Recommended" }
  | {
      readonly type: "PrivateEndpoint";
      readonly serviceResourceId: pulumi.Input<string>;
      readonly subresourceTarget: string;
      readonly sparkEnabled?: boolean;
      readonly fqdns?: string[];
    }
  | {
      readonly type: "ServiceTag";
      readonly serviceTag: string;
      readonly protocol: string;
      readonly portRanges: string;
      readonly action?: "Allow" | "Deny";
    };

export interface ManagedNetworkArgs {
  /** Defaults to `AllowInternetOutbound`. A managed network cannot be disabled again once enabled. */
  readonly isolationMode?: IsolationMode;
  /** Outbound rules by name. Defaults to none. FQDN rules need `AllowOnlyApprovedOutbound` (and bill an Azure Firewall). */
  readonly outboundRules?: Record<string, OutboundRule>;
}

export interface IdentityArgs {
  /** User-assigned identities (ARM ids). Defaults to none: the workspace uses a system-assigned identity only. */
  readonly userAssignedIdentityIds?: pulumi.Input<string>[];
  /** The identity the workspace acts as. Defaults to the first user-assigned identity when any are given. */
  readonly primaryUserAssignedIdentityId?: pulumi.Input<string>;
  /** Keep the system-assigned identity beside user-assigned ones. Defaults to `true`. */
  readonly systemAssigned?: boolean;
  /** Principal (object) id of the primary user-assigned identity, for its role assignments. Defaults to a lookup. */
  readonly primaryPrincipalId?: pulumi.Input<string>;
}

export function identityInputs(identity: IdentityArgs | undefined): {
  identity: types.machinelearningservices.ManagedServiceIdentityArgs;
  primaryUserAssignedIdentity?: pulumi.Input<string>;
} {
  const userAssigned = identity?.userAssignedIdentityIds ?? [];
  if (userAssigned.length === 0) return { identity: { type: "SystemAssigned" } };
  return {
    identity: {
      type: identity?.systemAssigned === false ? "UserAssigned" : "SystemAssigned,UserAssigned",
      userAssignedIdentities: userAssigned,
    },
    primaryUserAssignedIdentity: identity?.primaryUserAssignedIdentityId ?? userAssigned[0],
  };
}

export function managedNetworkInputs(network: ManagedNetworkArgs | undefined): types.machinelearningservices.ManagedNetworkSettingsArgs {
  const isolationMode = network?.isolationMode ?? "AllowInternetOutbound";
  const rules = Object.entries(network?.outboundRules ?? {});
  if (rules.length === 0) return { isolationMode };
  const outboundRules: NonNullable<types.machinelearningservices.ManagedNetworkSettingsArgs["outboundRules"]> = {};
  for (const [ruleName, rule] of rules) {
    const category = "UserDefined";
    switch (rule.type) {
      case "FQDN":
        outboundRules[ruleName] = { type: "FQDN", destination: rule.destination, category: rule.category ?? category };
        break;
      case "PrivateEndpoint":
        outboundRules[ruleName] = {
          type: "PrivateEndpoint",
          category,
          fqdns: rule.fqdns,
          destination: {
            serviceResourceId: rule.serviceResourceId,
            subresourceTarget: rule.subresourceTarget,
            sparkEnabled: rule.sparkEnabled ?? false,
          },
        };
        break;
      case "ServiceTag":
        outboundRules[ruleName] = {
          type: "ServiceTag",
          category,
          destination: {
            serviceTag: rule.serviceTag,
            protocol: rule.protocol,
            portRanges: rule.portRanges,
            action: rule.action ?? "Allow",
          },
        };
        break;
    }
  }
  return { isolationMode, outboundRules };
}

/** Keys a project may not set: it inherits them from its hub, and ARM rejects them only after minutes. */
export const PROJECT_FORBIDDEN_KEYS = ["storageAccount", "keyVault", "applicationInsights", "containerRegistry", "managedNetwork"] as const;

/** Arguments every kind of workspace takes: where it lives, what it is called, who it acts as. */
export interface BaseWorkspaceArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Logical name for physical names. Defaults to the component name, which must then match `naming.LOGICAL_NAME`. */
  readonly baseName?: string;
  /** Suffix for generated names. Defaults to a stable hash of `<project>/<stack>`. */
  readonly nameSuffix?: string;
  /** Physical name. Defaults to `<mlw|hub|prj>-<baseName>-<suffix>`. */
  readonly workspaceName?: string;
  readonly friendlyName?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
  /** Tags on the workspace and everything it creates. Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Defaults to `Basic`. */
  readonly sku?: WorkspaceSku;
  /** Defaults to a system-assigned identity of its own. */
  readonly identity?: IdentityArgs;
  /** Defaults to `Enabled` (the studio is reachable without private endpoints). */
  readonly publicNetworkAccess?: "Enabled" | "Disabled";
  /** Protect stateful resources. Defaults to `true`. */
  readonly protect?: boolean;
}

/** `https://ml.azure.com/?wsid=<id>`: the studio link for a workspace, hub or project. */
export function studioUrl(workspaceId: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`https://ml.azure.com/?wsid=${workspaceId}`;
}
