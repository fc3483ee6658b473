import * as pulumi from "@pulumi/pulumi";
import { BlobProtectionSettings } from "./blobProtection";
import { StorageAccountChoice } from "./storageSecurity";

/** What `AssociatedResources` takes for each associated resource: settings for a new one, or an existing one by id. */

/**
 * `publicNetworkAccess` of a created associated resource. Defaults to `Enabled`; with `Disabled` it is reached through
 * private endpoints only (the workspace's `inbound` subnet gets them, docs/azure-rules/private-networking.md AZ-PE-09).
 */
export type PublicAccess = "Enabled" | "Disabled";

/** Take an existing resource by ARM id instead of creating one. */
export interface Existing {
  readonly existingId: pulumi.Input<string>;
}

/**
 * A new storage account's settings (see `StorageAccountChoice` for each default). As a workspace's default storage it
 * must not be premium nor have hierarchical namespace.
 */
export interface StorageSettings extends StorageAccountChoice {
  /** Blob and container soft delete and versioning. Defaults to 7 days each and versioning on. */
  readonly dataProtection?: BlobProtectionSettings;
  /** Defaults to `Enabled`; `Disabled` makes blob and file private endpoints when the workspace has an inbound subnet. */
  readonly publicNetworkAccess?: PublicAccess;
}

export interface KeyVaultSettings {
  /** Defaults to `standard`. */
  readonly skuName?: "standard" | "premium";
  /** Soft-delete retention, 7-90 days, fixed at creation. Defaults to 90. */
  readonly softDeleteRetentionInDays?: number;
  /** Defaults to `Enabled`; `Disabled` makes a `vault` private endpoint when the workspace has an inbound subnet. */
  readonly publicNetworkAccess?: PublicAccess;
}

export interface MonitoringSettings {
  /** Log Analytics retention in days. Defaults to 30. */
  readonly retentionInDays?: number;
  /** Daily ingestion cap in GB. Defaults to no cap. */
  readonly dailyQuotaGb?: number;
}

export interface ExistingMonitoring {
  readonly existingApplicationInsightsId: pulumi.Input<string>;
  /** The Log Analytics workspace behind it, for diagnostic settings. Defaults to none (no diagnostics). */
  readonly existingLogAnalyticsWorkspaceId?: pulumi.Input<string>;
}

export interface RegistrySettings {
  /** Defaults to `Basic`; private link needs `Premium`. */
  readonly skuName?: "Basic" | "Standard" | "Premium";
  /** Defaults to `Enabled`; `Disabled` needs `Premium` and makes a `registry` private endpoint when the workspace has an inbound subnet. */
  readonly publicNetworkAccess?: PublicAccess;
}

/** Ids of a precreated associated set (see `SharedResources`); the consumer never owns these resources. */
export interface SharedResourceIds {
  readonly storageAccountId: pulumi.Input<string>;
  readonly keyVaultId: pulumi.Input<string>;
  readonly applicationInsightsId: pulumi.Input<string>;
  /** Defaults to none: Azure ML creates a registry on first image build. */
  readonly containerRegistryId?: pulumi.Input<string>;
  /** Defaults to none: no diagnostic settings. */
  readonly logAnalyticsWorkspaceId?: pulumi.Input<string>;
}
