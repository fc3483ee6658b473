import { BuiltInRoleName } from "./roleCatalog";
import { CMK_KEY_ROLE } from "../encryption";

/**
 * The roles Azure ML documents for a workspace's user-assigned primary identity, by associated resource. Pure:
 * the workspace component creates them and the access report lists them from the same table.
 *
 * docs/azure-rules/identity-and-access.md AZ-ACCESS-01: with a system-assigned identity Azure ML creates the
 * role assignments itself, so nothing is granted here. AZ-ACCESS-02: a user-assigned identity gets none by itself.
 */
export type IdentityTarget = "workspace" | "storage" | "keyVault" | "containerRegistry" | "applicationInsights" | "encryptionKeyVault";

export interface IdentityGrant {
  target: IdentityTarget;
  role: BuiltInRoleName;
}

/** docs/azure-rules/identity-and-access.md AZ-ACCESS-02 (Key Vault with the RBAC permission model, as created here). */
export const USER_ASSIGNED_IDENTITY_GRANTS: readonly IdentityGrant[] = [
  { target: "workspace", role: "Contributor" },
  { target: "storage", role: "Contributor" },
  { target: "storage", role: "Storage Blob Data Contributor" },
  { target: "keyVault", role: "Contributor" },
  { target: "keyVault", role: "Key Vault Administrator" },
  { target: "containerRegistry", role: "Contributor" },
  { target: "applicationInsights", role: "Contributor" },
];

/** What the workspace's own identity must be granted: nothing for a system-assigned identity. */
export function primaryIdentityGrants(
  identity: { userAssignedIdentityIds?: readonly unknown[] } | undefined,
  hasRegistry: boolean,
  encrypted = false,
): readonly IdentityGrant[] {
  if ((identity?.userAssignedIdentityIds ?? []).length === 0) return [];
  const grants = USER_ASSIGNED_IDENTITY_GRANTS.filter((g) => hasRegistry || g.target !== "containerRegistry");
  // docs/azure-rules/encryption.md AZ-CMK-03: the identity that reads a customer-managed key needs get, wrap and unwrap.
  return encrypted ? [...grants, { target: "encryptionKeyVault", role: CMK_KEY_ROLE }] : grants;
}

/** docs/azure-rules/identity-and-access.md AZ-ACCESS-05: what the identity a datastore authenticates with reads. */
export const DATASTORE_IDENTITY_ROLE: BuiltInRoleName = "Storage Blob Data Reader";
