/**
 * What keeps billing while a workspace sits idle, from the *structure* of Microsoft's published pricing. No prices
 * are quoted or computed (they vary by region, currency and date): each note names how the resource bills and
 * points at its pricing page. Pure: a description of the workspace in, a list out.
 */
import type { IsolationMode } from "../workspaceSettings";

/** `dedicated`: created for this workspace; `shared`: a shared set or an existing resource taken by id. */
export type Ownership = "dedicated" | "shared";
export type RegistrySku = "Basic" | "Standard" | "Premium";

/** How a charge accrues: a standing fee, data kept, or operations / data sent (small when idle, not zero). */
export type ChargeBasis = "fixed" | "stored-data" | "per-use";

export interface WorkspaceFootprint {
  /** The registry, or `on-demand` when Azure ML creates one on the first image build. */
  readonly containerRegistry: { readonly ownership: Ownership; readonly sku?: RegistrySku } | "on-demand";
  readonly storage: { readonly ownership: Ownership; readonly skuName?: string };
  readonly keyVault: { readonly ownership: Ownership; readonly skuName?: "standard" | "premium" };
  /** Undefined: no Log Analytics workspace. */
  readonly logAnalytics?: { readonly ownership: Ownership; readonly retentionInDays?: number; readonly dailyQuotaGb?: number };
  /** Undefined: no managed network (`Disabled`). */
  readonly managedNetwork?: { readonly isolationMode: IsolationMode; readonly hasFqdnRules: boolean };
}

export type IdleResource =
  | "containerRegistry"
  | "storage"
  | "logAnalytics"
  | "keyVault"
  | "azureFirewall"
  | "privateEndpoints"
  | "computeCluster"
  | "computeInstance";

type UnpricedItem = Omit<IdleCostItem, "pricing">;

export interface IdleCostItem {
  resource: IdleResource;
  /** `managed`: created and run by Azure ML inside its managed network, billed to the workspace's subscription. */
  ownership: Ownership | "managed";
  basis: ChargeBasis[];
  note: string;
  /** Microsoft's pricing page for the resource, where the figures are. */
  pricing: string;
}

export interface IdleCostReport {
  items: IdleCostItem[];
  /** What the list does not cover, or caveats that apply to all of it. */
  notes: string[];
}

const SHARED_NOTE = "shared: billed once to its owner, whichever workspaces use it";

/** Microsoft's pricing pages, the place a reader checks figures. */
export const PRICING_PAGES = {
  containerRegistry: "https://azure.microsoft.com/pricing/details/container-registry/",
  storage: "https://azure.microsoft.com/pricing/details/storage/blobs/",
  logAnalytics: "https://azure.microsoft.com/pricing/details/monitor/",
  keyVault: "https://azure.microsoft.com/pricing/details/key-vault/",
  azureFirewall: "https://azure.microsoft.com/pricing/details/azure-firewall/",
  privateEndpoints: "https://azure.microsoft.com/pricing/details/private-link/",
  computeCluster: "https://azure.microsoft.com/pricing/details/machine-learning/",
  computeInstance: "https://azure.microsoft.com/pricing/details/machine-learning/",
} as const;

export function idleCosts(footprint: WorkspaceFootprint): IdleCostReport {
  const items: UnpricedItem[] = [
    registryItem(footprint.containerRegistry),
    {
      resource: "storage",
      ownership: footprint.storage.ownership,
      basis: ["stored-data", "per-use"],
      note: withOwnership(
        footprint.storage.ownership,
        `billed for the data it holds and for operations, whether or not jobs run; the price per GB depends on the SKU's redundancy (${footprint.storage.skuName ?? "SKU unknown"})`,
      ),
    },
  ];
  if (footprint.logAnalytics) items.push(logAnalyticsItem(footprint.logAnalytics));
  const vault = footprint.keyVault;
  items.push({
    resource: "keyVault",
    ownership: vault.ownership,
    basis: ["per-use"],
    note: withOwnership(
      vault.ownership,
      vault.skuName === "premium"
        ? "bills per operation, near zero while nothing reads it; premium HSM-protected keys may also bill per key (see the pricing page)"
        : "Standard bills per operation: near zero while nothing reads it",
    ),
  });
  items.push(...networkItems(footprint.managedNetwork));
  return { items: items.map((i) => ({ ...i, pricing: PRICING_PAGES[i.resource] })), notes: notes(footprint) };
}

function withOwnership(ownership: Ownership, note: string): string {
  return ownership === "shared" ? `${note}; ${SHARED_NOTE}` : note;
}

function registryItem(registry: WorkspaceFootprint["containerRegistry"]): UnpricedItem {
  if (registry === "on-demand") {
    return {
      resource: "containerRegistry",
      ownership: "dedicated",
      basis: ["fixed"],
      note: "none until the first image build; then Azure ML creates one that bills a fixed daily fee per tier and cannot be tagged",
    };
  }
  const fee = registry.sku
    ? `fixed daily fee for the ${registry.sku} tier, used or not, with some storage included`
    : "fixed daily fee per tier, used or not (tier unknown)";
  return {
    resource: "containerRegistry",
    ownership: registry.ownership,
    basis: ["fixed", "stored-data"],
    note: withOwnership(registry.ownership, fee),
  };
}

function logAnalyticsItem(log: NonNullable<WorkspaceFootprint["logAnalytics"]>): UnpricedItem {
  const retention = log.retentionInDays === undefined ? "retention unknown" : `retention ${log.retentionInDays} days`;
  const cap = log.dailyQuotaGb === undefined ? "no daily cap (workspaceCapping.dailyQuotaGb)" : `daily cap ${log.dailyQuotaGb} GB`;
  return {
    resource: "logAnalytics",
    ownership: log.ownership,
    basis: ["per-use", "stored-data"],
    note: withOwnership(
      log.ownership,
      `bills per GB ingested and for extra retention; diagnostic settings keep sending metrics while the workspace is idle; ${retention}; ${cap}`,
    ),
  };
}

/** The managed network exists only once provisioned (first managed compute, or provisionNetworkNow). */
const PROVISIONED = "once the managed network is provisioned (first managed compute or provisionNetworkNow)";

function networkItems(network: WorkspaceFootprint["managedNetwork"]): UnpricedItem[] {
  if (!network || network.isolationMode === "Disabled") return [];
  const items: UnpricedItem[] = [];
  // FQDN rules only take effect in approved-outbound mode.
  if (network.isolationMode === "AllowOnlyApprovedOutbound" && network.hasFqdnRules) {
    items.push({
      resource: "azureFirewall",
      ownership: "managed",
      basis: ["fixed", "per-use"],
      note: `FQDN outbound rules make Azure ML create a billed Azure Firewall; it bills per hour deployed plus per GB processed ${PROVISIONED}`,
    });
  }
  items.push({
    resource: "privateEndpoints",
    ownership: "managed",
    basis: ["fixed", "per-use"],
    note: `the managed network reaches storage, key vault and registry through private endpoints, billed per hour and per GB ${PROVISIONED}`,
  });
  return items;
}

function notes(footprint: WorkspaceFootprint): string[] {
  const result = [
    "The workspace itself has no standing fee.",
    "Compute left running (compute instances not stopped, clusters with a minimum node count above 0, online deployments) is not modelled here: it bills while it runs, used or not. The usage workbook's cluster table flags clusters that keep nodes.",
  ];
  const dedicated = [
    footprint.containerRegistry !== "on-demand" && footprint.containerRegistry.ownership === "dedicated" ? "registry" : undefined,
    footprint.storage.ownership === "dedicated" ? "storage" : undefined,
    footprint.keyVault.ownership === "dedicated" ? "key vault" : undefined,
    footprint.logAnalytics?.ownership === "dedicated" ? "Log Analytics" : undefined,
  ].filter((x): x is string => x !== undefined);
  if (footprint.containerRegistry === "on-demand") dedicated.push("registry, once Azure ML has created it,");
  if (dedicated.length > 0) {
    result.push(`Deleting the workspace does not stop these bills: its ${dedicated.join(", ")} keep billing until deleted too.`);
  }
  if (footprint.containerRegistry === "on-demand") {
    result.push(
      "A registry Azure ML creates on demand cannot be tagged, so cost-by-tag views miss it; pre-create the registry when tags matter.",
    );
  }
  return result;
}
