import { z } from "zod";
import { BLOB_PROTECTION_DEFAULTS, RETENTION_DAYS } from "../../components/internal";
import { optional } from "./primitives";

/** Settings of a new storage account, key vault, Log Analytics workspace and container registry. */

export const STORAGE_SKUS = [
  "Standard_LRS",
  "Standard_GRS",
  "Standard_RAGRS",
  "Standard_ZRS",
  "Standard_GZRS",
  "Standard_RAGZRS",
  "Premium_LRS",
  "Premium_ZRS",
  "StandardV2_LRS",
  "StandardV2_GRS",
  "StandardV2_ZRS",
  "StandardV2_GZRS",
  "PremiumV2_LRS",
  "PremiumV2_ZRS",
] as const;
export const STORAGE_KINDS = ["Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage"] as const;

const retentionDays = (what: string, days: number) =>
  optional(
    z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
    `Days a deleted ${what} stays recoverable (${RETENTION_DAYS.min}-${RETENTION_DAYS.max}).`,
    { default: days, examples: [30] },
  );
/** docs/azure-rules/data-protection.md AZ-DATA-01 */
const dataProtectionSchema = z.strictObject({
  blobSoftDeleteDays: retentionDays("or overwritten blob", BLOB_PROTECTION_DEFAULTS.blobSoftDeleteDays),
  containerSoftDeleteDays: retentionDays("container", BLOB_PROTECTION_DEFAULTS.containerSoftDeleteDays),
  versioning: optional(
    z.boolean(),
    "Keep previous versions of every blob. Not supported with hierarchical namespace, where it stays off and `true` is refused.",
    {
      default: "true, false with hierarchical namespace",
      examples: [false],
    },
  ),
});
const dataProtection = optional(dataProtectionSchema, "Blob soft delete, container soft delete and blob versioning of the account.", {
  default: { blobSoftDeleteDays: 7, containerSoftDeleteDays: 7, versioning: true },
  examples: [{ blobSoftDeleteDays: 30 }],
});
export const storageSettings = z.strictObject({
  skuName: optional(z.enum(STORAGE_SKUS), "Storage SKU. A workspace's default storage must not be premium (`Premium_*`, `PremiumV2_*`).", {
    default: "Standard_LRS",
    examples: ["Standard_ZRS"],
  }),
  kind: optional(z.enum(STORAGE_KINDS), "Account kind. A default storage needs Blob and File: `StorageV2` or `Storage`.", {
    default: "StorageV2",
    examples: ["StorageV2"],
  }),
  isHnsEnabled: optional(
    z.boolean(),
    "Hierarchical namespace (ADLS Gen2). Refused for a default storage: attach such an account as a datastore.",
    { default: false, examples: [false] },
  ),
  allowSharedKeyAccess: optional(
    z.boolean(),
    "Account-key access. Off by default: datastores and the workspace authenticate by identity.",
    { default: false },
  ),
  dataProtection,
});
export const keyVaultSettings = z.strictObject({
  skuName: optional(z.enum(["standard", "premium"]), "Key vault SKU; `premium` adds HSM-backed keys.", {
    default: "standard",
    examples: ["premium"],
  }),
  softDeleteRetentionInDays: optional(
    z.number().int().min(7).max(90),
    "Days a deleted vault stays recoverable (and its name reserved); fixed at creation.",
    { default: 90, examples: [30] },
  ),
});
export const monitoringSettings = z.strictObject({
  retentionInDays: optional(z.number().int().min(30).max(730), "Log Analytics retention in days.", { default: 30, examples: [90] }),
  dailyQuotaGb: optional(z.number().positive(), "Daily Log Analytics ingestion cap in GB. Defaults to no cap.", { examples: [5] }),
});
export const registrySettings = z.strictObject({
  skuName: optional(z.enum(["Basic", "Standard", "Premium"]), "Container registry SKU; private link needs `Premium`.", {
    default: "Basic",
    examples: ["Premium"],
  }),
});

/**
 * `publicNetworkAccess` of a workspace's or hub's dedicated storage, key vault or registry (not of a shared set or a
 * datastore account). docs/azure-rules/private-networking.md AZ-PE-09
 */
export const associatedPublicAccess = (endpoints: string, more = "") =>
  optional(
    z.enum(["Enabled", "Disabled"]),
    `Public network access. \`Disabled\` needs the entry's \`privateEndpoint\` (its subnet gets ${endpoints}, with DNS zone groups) or \`privateAccessElsewhere: true\`${more}.`,
    { default: "Enabled", examples: ["Disabled"] },
  );
