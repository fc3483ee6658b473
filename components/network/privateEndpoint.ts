import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as naming from "../naming";

export interface PrivateEndpointArgs {
  /** The resource the endpoint reaches (ARM id). */
  readonly targetId: pulumi.Input<string>;
  /** Its private-link group id, e.g. `amlworkspace`, `blob`, `vault` (see `PRIVATE_LINK` in `./privateLink`). */
  readonly groupId: string;
  /** Subnet (ARM id) the endpoint's address comes from. */
  readonly subnetId: pulumi.Input<string>;
  /** Private DNS zones (name and ARM id) the zone group writes the endpoint's records to. */
  readonly dnsZones: { readonly name: string; readonly id: pulumi.Input<string> }[];
  readonly resourceGroupName: pulumi.Input<string>;
  /** Defaults to the resource group's location. Must be the subnet's region. */
  readonly location?: pulumi.Input<string>;
  /** Physical name of the endpoint. */
  readonly endpointName: string;
  /** Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An inbound private endpoint with its DNS zone group, so clients in the network resolve the resource's names to
 * the endpoint's private address. docs/azure-rules/private-networking.md AZ-PE-01, AZ-PE-06
 */
export class PrivateEndpoint extends pulumi.ComponentResource {
  public readonly endpointId: pulumi.Output<string>;

  constructor(name: string, args: PrivateEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azure-ml-workspaces:network:PrivateEndpoint", name, {}, opts);
    const endpoint = new network.PrivateEndpoint(
      naming.childName(name, "pe"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        privateEndpointName: args.endpointName,
        subnet: { id: args.subnetId },
        privateLinkServiceConnections: [{ name: args.endpointName, privateLinkServiceId: args.targetId, groupIds: [args.groupId] }],
        tags: args.tags,
      },
      { parent: this },
    );
    new network.PrivateDnsZoneGroup(
      naming.childName(name, "dns"),
      {
        resourceGroupName: args.resourceGroupName,
        privateEndpointName: endpoint.name,
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: args.dnsZones.map((zone) => ({ name: zone.name.replace(/\./g, "-"), privateDnsZoneId: zone.id })),
      },
      { parent: this },
    );
    this.endpointId = endpoint.id;
    this.registerOutputs({ endpointId: this.endpointId });
  }
}
