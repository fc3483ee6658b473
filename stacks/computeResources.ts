import * as pulumi from "@pulumi/pulumi";
import { Computes, Connections, IdentityArgs } from "../components";
import { primaryPrincipalId } from "../components/internal";
import { ClusterConfig, ConnectionConfig } from "./computeConfig";
import { ComputesConfig, instancesOf } from "./memberInstances";

/** What the program knows of a workspace or hub when it adds its computes and connections. */
export interface ComputeSite {
  /** Logical name of the workspace or hub; names the components. */
  name: string;
  resource: pulumi.Resource;
  resourceGroupName: pulumi.Input<string>;
  workspaceName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  tenantId: string;
  tags: Record<string, string>;
  managedNetwork: boolean;
  computes?: ComputesConfig;
  connections?: ConnectionConfig[];
}

/** Computes and connections of one workspace or hub, created after it; their ids by name (none when there are none). */
export function addComputeAndConnections(site: ComputeSite): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const clusters = (Array.isArray(site.computes?.clusters) ? site.computes.clusters : []) as ClusterConfig[];
  // docs/azure-rules/compute.md AZ-COMPUTE-08: one instance per listed member, assigned to them.
  const instances = instancesOf(site.computes, []).map((i) => i.config);
  if (clusters.length || instances.length) {
    out.computeIds = new Computes(
      `${site.name}-compute`,
      {
        resourceGroupName: site.resourceGroupName,
        workspaceName: site.workspaceName,
        location: site.location,
        tenantId: site.tenantId,
        managedNetwork: site.managedNetwork,
        clusters,
        instances,
        tags: site.tags,
      },
      { dependsOn: [site.resource] },
    ).computeIds;
  }
  if (site.connections?.length) {
    out.connectionIds = new Connections(
      `${site.name}-connections`,
      { resourceGroupName: site.resourceGroupName, workspaceName: site.workspaceName, connections: site.connections },
      { dependsOn: [site.resource] },
    ).connectionIds;
  }
  return out;
}

/** The principal the workspace (hub) acts as: its primary user-assigned identity, else its system-assigned one. */
export function workspacePrincipal(
  resource: pulumi.Resource,
  identity: IdentityArgs | undefined,
  systemPrincipalId: pulumi.Output<string | undefined>,
): pulumi.Input<string> {
  if (identity?.userAssignedIdentityIds?.length) return primaryPrincipalId(resource, identity);
  return systemPrincipalId.apply((id) => id ?? "");
}
