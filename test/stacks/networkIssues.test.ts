import { formatConfigIssue, validateConfig } from "../../stacks/validate";
import { networkOutputsOf } from "../../stacks/networkConfig";

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
  it.each(["privateEndpoint", "privateAccessElsewhere", "ipAllowlist", "provisionNetworkNow", "encryption"])(
    "refuses %s on a project",
    (key) => {
      const { issues } = validateConfig({ hubs: [{ name: "research", projects: [{ name: "vision", [key]: true }] }] });
      expect(issues.map(formatConfigIssue)).toEqual([expect.stringContaining(`a project cannot set '${key}'`)]);
    },
  );
});

describe("AZ-PE-09: dedicated resources with public access off need a way in", () => {
  const privateStorage = { storage: { publicNetworkAccess: "Disabled" } };
  it.each(["storage", "keyVault"])("refuses %s.publicNetworkAccess Disabled with no inbound path", (key) => {
    expect(lines({ [key]: { publicNetworkAccess: "Disabled" } })).toEqual([
      expect.stringContaining(`workspaces[0].${key}.publicNetworkAccess = "Disabled"`),
    ]);
  });

  it("accepts it with privateEndpoint or privateAccessElsewhere", () => {
    expect(lines({ ...privateStorage, privateEndpoint: { subnetId: SUBNET } })).toEqual([]);
    expect(lines({ ...privateStorage, privateAccessElsewhere: true })).toEqual([]);
  });

  it("AZ-PE-04: refuses a registry with public access off below Premium, once", () => {
    const registry = (skuName?: string) => ({
      privateEndpoint: { subnetId: SUBNET },
      containerRegistry: { skuName, publicNetworkAccess: "Disabled" },
    });
    expect(lines(registry())).toEqual([expect.stringMatching(/containerRegistry\.skuName = "Basic".*publicNetworkAccess Disabled/)]);
    expect(lines({ ...registry("Standard"), managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } })).toHaveLength(1);
    expect(lines(registry("Premium"))).toEqual([]);
  });

  it("keeps the setting off shared sets and datastore accounts", () => {
    const { issues } = validateConfig({ shared: { name: "shared", storage: { publicNetworkAccess: "Disabled" } } });
    expect(issues.map(formatConfigIssue)).toEqual([expect.stringContaining("publicNetworkAccess")]);
  });
});

describe("AZ-PE-10: ipAllowlist takes public IPv4 addresses and ranges, and only narrows public access", () => {
  it("accepts addresses and ranges on a public workspace", () => {
    expect(lines({ ipAllowlist: ["16.17.18.0/24", "20.30.40.50"] })).toEqual([]);
  });

  it("refuses a private range, IPv6, and more than 200 rules, naming the key", () => {
    expect(lines({ ipAllowlist: ["10.0.0.0/16"] })).toEqual([
      expect.stringMatching(/ipAllowlist\[0\] = "10\.0\.0\.0\/16".*reserved range 10\.0\.0\.0\/8/),
    ]);
    expect(lines({ ipAllowlist: ["2001:db8::/32"] })).toEqual([expect.stringContaining("IPv6 is not supported")]);
    const many = Array.from({ length: 201 }, (_, i) => `20.30.${Math.floor(i / 250)}.${(i % 250) + 1}`);
    expect(lines({ ipAllowlist: many })).toEqual([expect.stringContaining("at most 200 IP rules")]);
  });

  it("refuses it when public access is off, set or defaulted by privateEndpoint", () => {
    expect(lines({ ipAllowlist: ["20.30.40.50"], publicNetworkAccess: "Disabled", privateAccessElsewhere: true })).toEqual([
      expect.stringContaining("workspaces[0].ipAllowlist"),
    ]);
    expect(lines({ ipAllowlist: ["20.30.40.50"], privateEndpoint: { subnetId: SUBNET } })).toEqual([
      expect.stringContaining("defaulted (privateEndpoint) to Disabled"),
    ]);
    expect(lines({ ipAllowlist: ["20.30.40.50"], privateEndpoint: { subnetId: SUBNET }, publicNetworkAccess: "Enabled" })).toEqual([]);
  });
});

describe("AZ-PE-05, AZ-PE-11: the network outputs reviewers see", () => {
  it("lists managed endpoints to the associated resources whose public access is off, with internet outbound", () => {
    const outputs = networkOutputsOf({ storage: { publicNetworkAccess: "Disabled" }, keyVault: {} }, "mlw", "rg");
    const endpoints = outputs.requiredOutboundRules.filter((r) => r.type === "PrivateEndpoint").map((r) => r.destination);
    expect(endpoints).toEqual(["storage"]);
    expect(outputs.ipAllowlistCommands).toBeUndefined();
  });

  it("adds the allow-list commands only when there is an allow-list", () => {
    expect(networkOutputsOf({ ipAllowlist: ["20.30.40.50"] }, "mlw", "rg").ipAllowlistCommands).toBeDefined();
  });
});
