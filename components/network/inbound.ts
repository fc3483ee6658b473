import * as pulumi from "@pulumi/pulumi";
import * as naming from "../naming";
import { PRIVATE_LINK, PrivateLinkTarget, zonesFor } from "./privateLink";
import { PrivateDnsZones } from "./privateDnsZones";
import { PrivateEndpoint } from "./privateEndpoint";

/** An inbound private endpoint to a workspace or hub, from a subnet you own. */
export interface InboundEndpointArgs {
  /** Subnet (ARM id) the endpoint takes its address from; its virtual network gets the created DNS zones' links. */
  readonly subnetId: pulumi.Input<string>;
  /**
   * Private DNS zones brought by id, by zone name (`privatelink.api.azureml.ms`, `privatelink.notebooks.azure.net`).
   * Defaults to none: the zones are created in the workspace's resource group and linked to the subnet's network.
   */
  readonly dnsZoneIds?: Readonly<Partial<Record<string, pulumi.Input<string>>>>;
}

export interface InboundTarget {
  readonly target: PrivateLinkTarget;
  readonly id: pulumi.Input<string>;
  /** Physical name of the endpoint. */
  readonly endpointName: string;
}

/** `/subscriptions/…/virtualNetworks/<vnet>` of a subnet id. */
export function virtualNetworkOf(subnetId: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(subnetId).apply((id) => id.replace(/\/subnets\/[^/]+$/i, ""));
}

/**
 * Creates (or takes by id) the DNS zones the targets need and one private endpoint with a DNS zone group per target,
 * under `owner`. Returns the endpoint ids by target.
 */
export function addInboundEndpoints(
  owner: pulumi.Resource,
  name: string,
  args: InboundEndpointArgs & {
    targets: InboundTarget[];
    resourceGroupName: pulumi.Input<string>;
    location?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  },
): Partial<Record<PrivateLinkTarget, pulumi.Output<string>>> {
  const zones = zonesFor(args.targets.map((t) => t.target));
  const dns = new PrivateDnsZones(
    naming.childName(name, "dns"),
    {
      zones,
      resourceGroupName: args.resourceGroupName,
      virtualNetworkId: virtualNetworkOf(args.subnetId),
      existingZoneIds: args.dnsZoneIds,
      tags: args.tags,
    },
    { parent: owner },
  );
  const ids: Partial<Record<PrivateLinkTarget, pulumi.Output<string>>> = {};
  for (const t of args.targets) {
    const endpoint = new PrivateEndpoint(
      naming.childName(name, `pe-${t.target}`),
      {
        targetId: t.id,
        groupId: PRIVATE_LINK[t.target].groupId,
        subnetId: args.subnetId,
        dnsZones: PRIVATE_LINK[t.target].zones.map((zone) => ({ name: zone, id: dns.zoneIds[zone] })),
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        endpointName: t.endpointName,
        tags: args.tags,
      },
      { parent: owner },
    );
    ids[t.target] = endpoint.endpointId;
  }
  return ids;
}
