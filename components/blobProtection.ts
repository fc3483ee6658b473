import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";

/**
 * Blob data protection of every storage account the package creates: blob soft delete, container soft delete and
 * blob versioning, as Microsoft recommends (docs/azure-rules/data-protection.md AZ-DATA-01). Pure settings here;
 * `protectBlobs` registers them.
 */

export interface BlobProtectionSettings {
  /** Days a deleted or overwritten blob stays recoverable (1-365). Defaults to 7. */
  readonly blobSoftDeleteDays?: number;
  /** Days a deleted container stays recoverable (1-365). Defaults to 7. */
  readonly containerSoftDeleteDays?: number;
  /** Keep every previous version of a blob. Defaults to `true`, and `false` on hierarchical-namespace accounts (unsupported there). */
  readonly versioning?: boolean;
}

/** docs/azure-rules/data-protection.md AZ-DATA-02 */
export const BLOB_PROTECTION_DEFAULTS = { blobSoftDeleteDays: 7, containerSoftDeleteDays: 7, versioning: true } as const;
export const RETENTION_DAYS = { min: 1, max: 365 } as const;

export const VERSIONING_HNS_RULE = "blob versioning is not supported on accounts with hierarchical namespace (ADLS Gen2)";

/** One line per setting Azure would refuse. docs/azure-rules/data-protection.md AZ-DATA-03 */
export function blobProtectionProblems(settings: BlobProtectionSettings | undefined, isHnsEnabled: boolean): string[] {
  const problems: string[] = [];
  for (const key of ["blobSoftDeleteDays", "containerSoftDeleteDays"] as const) {
    const days = settings?.[key];
    if (days !== undefined && !(Number.isInteger(days) && days >= RETENTION_DAYS.min && days <= RETENTION_DAYS.max)) {
      problems.push(`${key} must be a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`);
    }
  }
  if (settings?.versioning === true && isHnsEnabled) problems.push(VERSIONING_HNS_RULE);
  return problems;
}

/** The blob service inputs for an account, defaults applied. */
export function blobServiceSettings(settings: BlobProtectionSettings | undefined, isHnsEnabled: boolean) {
  return {
    deleteRetentionPolicy: { enabled: true, days: settings?.blobSoftDeleteDays ?? BLOB_PROTECTION_DEFAULTS.blobSoftDeleteDays },
    containerDeleteRetentionPolicy: {
      enabled: true,
      days: settings?.containerSoftDeleteDays ?? BLOB_PROTECTION_DEFAULTS.containerSoftDeleteDays,
    },
    isVersioningEnabled: isHnsEnabled ? false : (settings?.versioning ?? BLOB_PROTECTION_DEFAULTS.versioning),
  };
}

/** Registers the `default` blob service of `account` with the data protection settings. */
export function protectBlobs(
  name: string,
  account: storage.StorageAccount,
  resourceGroupName: pulumi.Input<string>,
  settings: BlobProtectionSettings | undefined,
  isHnsEnabled: boolean,
  opts: pulumi.CustomResourceOptions,
): storage.BlobServiceProperties {
  const problems = blobProtectionProblems(settings, isHnsEnabled);
  if (problems.length > 0) throw new Error(`${name}: ${problems.join("; ")}`);
  return new storage.BlobServiceProperties(
    name,
    { resourceGroupName, accountName: account.name, blobServicesName: "default", ...blobServiceSettings(settings, isHnsEnabled) },
    opts,
  );
}
