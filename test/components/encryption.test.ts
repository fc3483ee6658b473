import { CMK_KEY_ROLE, ENCRYPTION_REPLACE_ON_CHANGES, encryptionGuard, encryptionInputs } from "../../components/encryption";
import { primaryIdentityGrants } from "../../components/access/identityRoles";
import { BUILT_IN_ROLES } from "../../components/access/roleCatalog";

const ENCRYPTION = {
  keyVaultId: "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-ml-keys",
  keyUri: "https://kv-ml-keys.vault.azure.net/keys/ml-cmk",
};
const UAMI =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml";

const at = (value: unknown, path: string) =>
  path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);

describe("encryptionInputs", () => {
  it("sends nothing without encryption", () => expect(encryptionInputs(undefined, UAMI)).toEqual({}));

  it("enables the key of the vault, read by the primary user-assigned identity", () => {
    expect(encryptionInputs(ENCRYPTION, UAMI)).toEqual({
      encryption: {
        status: "Enabled",
        keyVaultProperties: { keyVaultArmId: ENCRYPTION.keyVaultId, keyIdentifier: ENCRYPTION.keyUri },
        identity: { userAssignedIdentity: UAMI },
      },
      enableServiceSideCMKEncryption: false,
    });
  });
});

describe("AZ-CMK-02: service-side encryption is its own switch", () => {
  it("sends enableServiceSideCMKEncryption", () => {
    expect(encryptionInputs({ ...ENCRYPTION, serviceSide: true }, UAMI).enableServiceSideCMKEncryption).toBe(true);
  });
});

describe("AZ-CMK-03: the identity reading the key gets get, wrap and unwrap on its vault", () => {
  it("adds Key Vault Crypto Service Encryption User on the key's vault for an encrypted workspace only", () => {
    const identity = { userAssignedIdentityIds: [UAMI] };
    expect(primaryIdentityGrants(identity, true, true)).toContainEqual({ target: "encryptionKeyVault", role: CMK_KEY_ROLE });
    expect(primaryIdentityGrants(identity, true).map((g) => g.target)).not.toContain("encryptionKeyVault");
    expect(BUILT_IN_ROLES[CMK_KEY_ROLE]).toBe("e147488a-f6f5-4113-8e2d-b22465e65bf6");
  });
});

describe("AZ-CMK-04: encryption cannot move to another vault in place", () => {
  it("replaces on change of inputs the workspace really sends", () => {
    const inputs = encryptionInputs(ENCRYPTION, UAMI);
    for (const path of ENCRYPTION_REPLACE_ON_CHANGES) expect(at(inputs, path)).toBeDefined();
    expect(ENCRYPTION_REPLACE_ON_CHANGES).toContain("encryption.keyVaultProperties.keyVaultArmId");
  });
});

describe("AZ-CMK-04: the replacement a vault change needs is refused, not carried out", () => {
  it("protects an encrypted workspace whatever protect says, and leaves others to it", () => {
    expect(encryptionGuard(ENCRYPTION)).toEqual({ protect: true });
    expect(encryptionGuard(undefined)).toEqual({});
  });
});
