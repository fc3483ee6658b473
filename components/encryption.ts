import * as pulumi from "@pulumi/pulumi";
import type * as types from "@pulumi/azure-native/types/input";

/**
 * Customer-managed key encryption, read with the workspace's primary user-assigned identity (which gets Key Vault
 * Crypto Service Encryption User on the key's vault before the workspace is created), for a workspace or hub
 * (docs/azure-rules/encryption.md). Set at creation: Azure lets the key change only to another key of the same vault.
 */
export interface EncryptionArgs {
  /** The key vault holding the key (ARM id). It must have soft delete and purge protection. */
  readonly keyVaultId: pulumi.Input<string>;
  /** The key's URI, `https://<vault>.vault.azure.net/keys/<name>[/<version>]`. */
  readonly keyUri: pulumi.Input<string>;
  /** `enableServiceSideCMKEncryption`: metadata encrypted on Microsoft-managed resources (preview). Defaults to `false`. */
  readonly serviceSide?: boolean;
}

/** docs/azure-rules/encryption.md AZ-CMK-03: the role that wraps, unwraps and reads a key. */
export const CMK_KEY_ROLE = "Key Vault Crypto Service Encryption User" as const;

/**
 * docs/azure-rules/encryption.md AZ-CMK-04: the encryption properties that cannot change in place; a change shows
 * as a replacement in preview (and `protect` stops it).
 */
export const ENCRYPTION_REPLACE_ON_CHANGES = ["encryption.keyVaultProperties.keyVaultArmId", "enableServiceSideCMKEncryption"];

/**
 * docs/azure-rules/encryption.md AZ-CMK-04: an encrypted workspace is always protected, whatever `protect` says, so a
 * change of its vault or service-side switch (a replacement, see `ENCRYPTION_REPLACE_ON_CHANGES`) is refused by
 * `pulumi up` instead of deleting the workspace. The key URI may change within the vault (an update).
 */
export function encryptionGuard(encryption: EncryptionArgs | undefined): { protect?: true } {
  return encryption ? { protect: true } : {};
}

/** The Workspace inputs for `encryption`, or none. */
export function encryptionInputs(
  encryption: EncryptionArgs | undefined,
  primaryUserAssignedIdentity: pulumi.Input<string> | undefined,
): { encryption?: types.machinelearningservices.EncryptionPropertyArgs; enableServiceSideCMKEncryption?: boolean } {
  if (!encryption) return {};
  const identity = primaryUserAssignedIdentity;
  return {
    encryption: {
      status: "Enabled",
      keyVaultProperties: { keyVaultArmId: encryption.keyVaultId, keyIdentifier: encryption.keyUri },
      identity: identity === undefined ? undefined : { userAssignedIdentity: identity },
    },
    enableServiceSideCMKEncryption: encryption.serviceSide ?? false,
  };
}
