import * as pulumi from "@pulumi/pulumi";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as naming from "../naming";

export interface PrivateDnsZonesArgs {
  /** Zone names, e.g. `privatelink.api.azureml.ms` (see `PRIVATE_LINK` in `./privateLink`). */
  readonly zones: readonly string[];
  /** Where created zones live. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** The virtual network (ARM id) created zones are linked to, so its clients resolve the private addresses. */
  readonly virtualNetworkId: pulumi.Input<string>;
  /**
   * Zones brought by id (zone name to ARM id), e.g. a hub network's central zones; they are neither created nor
   * linked. Defaults to none: every zone is created and linked.
   */
  readonly existingZoneIds?: Readonly<Partial<Record<string, pulumi.Input<string>>>>;
  /** Defaults to none. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Private DNS zones for private endpoints: each zone is created (in `global`, linked to the virtual network without
 * auto-registration) unless brought by id. docs/azure-rules/private-networking.md AZ-PE-06
 */
export class PrivateDnsZones extends pulumi.ComponentResource {
  /** Zone name to ARM id, for every zone in `zones`. */
  public readonly zoneIds: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: PrivateDnsZonesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azure-ml-workspaces:network:PrivateDnsZones", name, {}, opts);
    this.zoneIds = {};
    for (const zoneName of args.zones) {
      const existing = args.existingZoneIds?.[zoneName];
      if (existing !== undefined) {
        this.zoneIds[zoneName] = pulumi.output(existing);
        continue;
      }
      const role = zoneName.replace(/^privatelink\./, "").replace(/\./g, "-");
      const zone = new privatedns.PrivateZone(
        naming.childName(name, role),
        { resourceGroupName: args.resourceGroupName, privateZoneName: zoneName, location: "global", tags: args.tags },
        { parent: this },
      );
      new privatedns.VirtualNetworkLink(
        naming.childName(name, `${role}-link`),
        {
          resourceGroupName: args.resourceGroupName,
          privateZoneName: zone.name,
          location: "global",
          virtualNetwork: { id: args.virtualNetworkId },
          registrationEnabled: false,
          tags: args.tags,
        },
        { parent: this },
      );
      this.zoneIds[zoneName] = zone.id;
    }
    this.registerOutputs({ zoneIds: this.zoneIds });
  }
}
