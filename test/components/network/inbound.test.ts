import { MockRuntime, installMocks, promiseOf, settle } from "../../mockRuntime";

const SUBNET =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/endpoints";
const ZONE_ID =
  "/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms";
const WORKSPACE = "azure-native:machinelearningservices:Workspace";

let mocks: MockRuntime;
let components: typeof import("../../../components/workspace");

beforeAll(async () => {
  mocks = await installMocks();
  components = await import("../../../components/workspace");
});

async function build(args: Partial<import("../../../components/workspace").WorkspaceArgs>) {
  mocks.reset();
  const ws = new components.Workspace("team-b", { resourceGroupName: "rg-team-b", location: "westeurope", nameSuffix: "abc123", ...args });
  await promiseOf(ws.workspaceId);
  await settle();
  const registered = [...mocks.registered];
  return (type: string) => registered.filter((r) => r.type === type);
}

/** A workspace with an inbound endpoint and nothing else set: built once, read by every test about that baseline. */
let inboundOnly: ReturnType<typeof build> | undefined;
const buildInboundOnly = () => (inboundOnly ??= build({ inbound: { subnetId: SUBNET } }));

describe("AZ-PE-01, AZ-PE-06: an inbound endpoint with its DNS zone group", () => {
  it("creates the endpoint on the workspace (group amlworkspace) and both zones, linked to the subnet's network", async () => {
    const ofType = await buildInboundOnly();
    const [pe] = ofType("azure-native:network:PrivateEndpoint");
    expect(pe.inputs.subnet).toMatchObject({ id: SUBNET });
    expect(pe.inputs.privateLinkServiceConnections[0].groupIds).toEqual(["amlworkspace"]);
    expect(pe.inputs.privateLinkServiceConnections[0].privateLinkServiceId).toMatch(/workspaces\/mlw-team-b-abc123$/);
    expect(ofType("azure-native:privatedns:PrivateZone").map((z) => z.inputs.privateZoneName)).toEqual([
      "privatelink.api.azureml.ms",
      "privatelink.notebooks.azure.net",
    ]);
    for (const link of ofType("azure-native:privatedns:VirtualNetworkLink")) {
      expect(link.inputs).toMatchObject({
        virtualNetwork: { id: SUBNET.replace(/\/subnets\/endpoints$/, "") },
        registrationEnabled: false,
      });
    }
    const [group] = ofType("azure-native:network:PrivateDnsZoneGroup");
    expect(group.inputs.privateDnsZoneConfigs).toHaveLength(2);
  });

  it("takes a zone brought by id instead of creating it", async () => {
    const ofType = await build({ inbound: { subnetId: SUBNET, dnsZoneIds: { "privatelink.api.azureml.ms": ZONE_ID } } });
    expect(ofType("azure-native:privatedns:PrivateZone").map((z) => z.inputs.privateZoneName)).toEqual(["privatelink.notebooks.azure.net"]);
    const [group] = ofType("azure-native:network:PrivateDnsZoneGroup");
    expect(group.inputs.privateDnsZoneConfigs.map((c: { privateDnsZoneId: string }) => c.privateDnsZoneId)).toContain(ZONE_ID);
  });
});

describe("AZ-PE-07: public access defaults from the inbound path", () => {
  it("is Disabled with an endpoint, Enabled without, and an explicit value wins", async () => {
    expect((await buildInboundOnly())(WORKSPACE)[0].inputs.publicNetworkAccess).toBe("Disabled");
    expect((await build({}))(WORKSPACE)[0].inputs.publicNetworkAccess).toBe("Enabled");
    const explicit = await build({ inbound: { subnetId: SUBNET }, publicNetworkAccess: "Enabled" });
    expect(explicit(WORKSPACE)[0].inputs.publicNetworkAccess).toBe("Enabled");
    expect(explicit("azure-native:network:PrivateEndpoint")).toHaveLength(1);
  });
});

describe("AZ-PE-09: created associated resources with public access off get endpoints in the inbound subnet", () => {
  const privateSet = {
    storage: { publicNetworkAccess: "Disabled" as const },
    keyVault: { publicNetworkAccess: "Disabled" as const },
    containerRegistry: { skuName: "Premium" as const, publicNetworkAccess: "Disabled" as const },
  };

  it("turns their public access off and makes blob, file, vault and registry endpoints with their zones", async () => {
    const ofType = await build({ inbound: { subnetId: SUBNET }, associated: privateSet });
    expect(ofType("azure-native:storage:StorageAccount")[0].inputs.publicNetworkAccess).toBe("Disabled");
    expect(ofType("azure-native:keyvault:Vault")[0].inputs.properties.publicNetworkAccess).toBe("Disabled");
    expect(ofType("azure-native:containerregistry:Registry")[0].inputs.publicNetworkAccess).toBe("Disabled");
    const endpoints = ofType("azure-native:network:PrivateEndpoint");
    const byGroup = Object.fromEntries(
      endpoints.map((pe) => [
        pe.inputs.privateLinkServiceConnections[0].groupIds[0],
        pe.inputs.privateLinkServiceConnections[0].privateLinkServiceId,
      ]),
    );
    expect(Object.keys(byGroup).sort()).toEqual(["amlworkspace", "blob", "file", "registry", "vault"]);
    expect(byGroup.blob).toMatch(/storageAccounts\//);
    expect(byGroup.file).toBe(byGroup.blob);
    expect(byGroup.vault).toMatch(/vaults\//);
    expect(byGroup.registry).toMatch(/registries\//);
    for (const pe of endpoints) expect(pe.inputs.subnet).toMatchObject({ id: SUBNET });
    expect(ofType("azure-native:privatedns:PrivateZone").map((z) => z.inputs.privateZoneName)).toEqual([
      "privatelink.api.azureml.ms",
      "privatelink.notebooks.azure.net",
      "privatelink.blob.core.windows.net",
      "privatelink.file.core.windows.net",
      "privatelink.vaultcore.azure.net",
      "privatelink.azurecr.io",
    ]);
  });

  it("leaves public access alone and makes no endpoint for resources that keep it on", async () => {
    const ofType = await buildInboundOnly();
    expect(ofType("azure-native:storage:StorageAccount")[0].inputs.publicNetworkAccess).toBeUndefined();
    expect(ofType("azure-native:network:PrivateEndpoint")).toHaveLength(1);
  });

  it("AZ-PE-04: refuses a registry with public access off below Premium", async () => {
    await expect(build({ associated: { containerRegistry: { publicNetworkAccess: "Disabled" } } })).rejects.toThrow(
      "containerRegistry publicNetworkAccess 'Disabled' needs skuName Premium, not 'Basic'",
    );
  });
});
