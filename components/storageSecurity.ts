/** What a new storage account may choose; everything else about its security is fixed. */
export interface StorageAccountChoice {
  /** Defaults to `Standard_LRS`. */
  readonly skuName?: string;
  /** Defaults to `StorageV2`. */
  readonly kind?: string;
  /** Hierarchical namespace. Defaults to `false`. */
  readonly isHnsEnabled?: boolean;
  /** Shared-key (account key) access. Defaults to `false`: clients authenticate by identity. */
  readonly allowSharedKeyAccess?: boolean;
}

/**
 * The storage account inputs of every account this package creates (a workspace's default storage, a shared set's, a
 * datastore's): HTTPS and TLS 1.2 only, no anonymous blob access, no cross-tenant replication, Entra ID by default and
 * account keys off unless asked for. The policy pack checks the same settings (policies/rules/storageBaseline.ts).
 */
export function secureStorageAccountInputs(choice: StorageAccountChoice) {
  return {
    kind: choice.kind ?? "StorageV2",
    sku: { name: choice.skuName ?? "Standard_LRS" },
    isHnsEnabled: choice.isHnsEnabled ?? false,
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: "TLS1_2" as const,
    allowBlobPublicAccess: false,
    allowSharedKeyAccess: choice.allowSharedKeyAccess ?? false,
    allowCrossTenantReplication: false,
    defaultToOAuthAuthentication: true,
  };
}
