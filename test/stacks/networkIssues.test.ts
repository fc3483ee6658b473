import { formatConfigIssue, validateConfig } from "../../stacks/validate";

const SUBNET =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/endpoints";
const UAMI =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml";
const KV = "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-ml-keys";

const lines = (workspace: Record<string, unknown>) =>
  validateConfig({ workspaces: [{ name: "team-a", ...workspace }] }).issues.map(formatConfigIssue);

describe("AZ-PE-07: a private workspace needs a way in", () => {
  it("refuses Disabled public access with no endpoint, unless access comes from elsewhere on purpose", () => {
    expect(lines({ publicNetworkAccess: "Disabled" })).toEqual([expect.stringContaining('workspaces[0].publicNetworkAccess = "Disabled"')]);
    expect(lines({ publicNetworkAccess: "Disabled", privateEndpoint: { subnetId: SUBNET } })).toEqual([]);
    expect(lines({ publicNetworkAccess: "Disabled", privateAccessElsewhere: true })).toEqual([]);
  });
});

describe("AZ-PE-04: approved-outbound-only needs a registry that takes private endpoints", () => {
  const approved = { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } };
  it("refuses a created Basic or Standard registry, and accepts Premium, none or one brought by id", () => {
    expect(lines(approved)).toEqual([expect.stringContaining('containerRegistry.skuName = "Basic"')]);
    expect(lines({ ...approved, containerRegistry: { skuName: "Standard" } })).toEqual([expect.stringContaining('"Standard"')]);
    expect(lines({ ...approved, containerRegistry: { skuName: "Premium" } })).toEqual([]);
    expect(lines({ ...approved, containerRegistry: false })).toEqual([]);
  });
});

describe("AZ-CMK-01: a customer-managed key needs a vault with purge protection", () => {
  const encryption = { keyVaultId: KV, keyUri: "https://kv-ml-keys.vault.azure.net/keys/ml-cmk" };
  const identity = { userAssignedIdentityIds: [UAMI] };
  it("refuses keyVaultPurgeProtection false and accepts true", () => {
    expect(lines({ identity, encryption: { ...encryption, keyVaultPurgeProtection: false } })).toEqual([
      expect.stringContaining("encryption.keyVaultPurgeProtection = false"),
    ]);
    expect(lines({ identity, encryption: { ...encryption, keyVaultPurgeProtection: true } })).toEqual([]);
  });

  it("refuses a key of another vault and a workspace without a user-assigned identity", () => {
    const other = { ...encryption, keyUri: "https://kv-other.vault.azure.net/keys/ml-cmk", keyVaultPurgeProtection: true };
    expect(lines({ identity, encryption: other })).toEqual([expect.stringContaining("encryption.keyUri")]);
    expect(lines({ encryption: { ...encryption, keyVaultPurgeProtection: true } })).toEqual([
      expect.stringContaining("needs identity.userAssignedIdentityIds"),
    ]);
  });
});

describe("AZ-PE-08: a project is reached and encrypted through its hub", () => {
  it.each(["privateEndpoint", "privateAccessElsewhere", "provisionNetworkNow", "encryption"])("refuses %s on a project", (key) => {
    const { issues } = validateConfig({ hubs: [{ name: "research", projects: [{ name: "vision", [key]: true }] }] });
    expect(issues.map(formatConfigIssue)).toEqual([expect.stringContaining(`a project cannot set '${key}'`)]);
  });
});
