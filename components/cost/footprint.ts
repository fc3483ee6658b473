import type { IsolationMode } from "../workspaceSettings";
import { RegistrySku, WorkspaceFootprint } from "./idleCost";

/**
 * A workspace's footprint for `idleCosts`, from the same settings the stack config carries per workspace or hub
 * (a structural subset, so this module does not depend on the config schema). Defaults mirror the components':
 * Basic registry, Standard_LRS storage, standard key vault, Log Analytics with 30 days, `AllowInternetOutbound`.
 */
export interface WorkspaceCostSettings {
  /** A shared set by StackReference (`stack`) or by `ids`. */
  readonly sharedResources?: {
    readonly stack?: string;
    readonly ids?: { readonly containerRegistry?: string; readonly logAnalyticsWorkspace?: string };
  };
  readonly storage?: { readonly existingId: string } | { readonly skuName?: string };
  readonly keyVault?: { readonly existingId: string } | { readonly skuName?: "standard" | "premium" };
  readonly monitoring?:
    | { readonly existingApplicationInsightsId: string; readonly existingLogAnalyticsWorkspaceId?: string }
    | { readonly retentionInDays?: number; readonly dailyQuotaGb?: number };
  /** `false`: Azure ML creates a registry on the first image build. */
  readonly containerRegistry?: { readonly existingId: string } | { readonly skuName?: RegistrySku } | false;
  readonly managedNetwork?: { readonly isolationMode?: string; readonly outboundRules?: Record<string, { readonly type: string }> };
}

const DEFAULT_ISOLATION_MODE: IsolationMode = "AllowInternetOutbound";

export function footprintFromSettings(settings: WorkspaceCostSettings): WorkspaceFootprint {
  const network = managedNetwork(settings.managedNetwork);
  const shared = settings.sharedResources;
  if (shared) {
    // A shared stack (SharedResources) always has a registry and Log Analytics; shared ids may lack either.
    const fromStack = shared.stack !== undefined;
    return {
      containerRegistry: fromStack || shared.ids?.containerRegistry ? { ownership: "shared" } : "on-demand",
      storage: { ownership: "shared" },
      keyVault: { ownership: "shared" },
      logAnalytics: fromStack || shared.ids?.logAnalyticsWorkspace ? { ownership: "shared" } : undefined,
      managedNetwork: network,
    };
  }
  const { storage, keyVault, monitoring, containerRegistry } = settings;
  return {
    containerRegistry:
      containerRegistry === false
        ? "on-demand"
        : containerRegistry && "existingId" in containerRegistry
          ? { ownership: "shared" }
          : { ownership: "dedicated", sku: containerRegistry?.skuName ?? "Basic" },
    storage:
      storage && "existingId" in storage
        ? { ownership: "shared" }
        : { ownership: "dedicated", skuName: storage?.skuName ?? "Standard_LRS" },
    keyVault:
      keyVault && "existingId" in keyVault ? { ownership: "shared" } : { ownership: "dedicated", skuName: keyVault?.skuName ?? "standard" },
    logAnalytics:
      monitoring && "existingApplicationInsightsId" in monitoring
        ? monitoring.existingLogAnalyticsWorkspaceId
          ? { ownership: "shared" }
          : undefined
        : { ownership: "dedicated", retentionInDays: monitoring?.retentionInDays ?? 30, dailyQuotaGb: monitoring?.dailyQuotaGb },
    managedNetwork: network,
  };
}

function managedNetwork(network: WorkspaceCostSettings["managedNetwork"]): WorkspaceFootprint["managedNetwork"] {
  const isolationMode = (network?.isolationMode ?? DEFAULT_ISOLATION_MODE) as IsolationMode;
  if (isolationMode === "Disabled") return undefined;
  const hasFqdnRules = Object.values(network?.outboundRules ?? {}).some((rule) => rule.type === "FQDN");
  return { isolationMode, hasFqdnRules };
}
