import * as pulumi from "@pulumi/pulumi";
import { SharedResourceIds } from "../components";
import { HubConfig, WorkspaceConfig } from "./config";
import { azureNameOf } from "./renames";
import { ComputeSite } from "./computeResources";
import { Context } from "./programContext";

/** The Args a workspace and a hub take alike, from their config entry. */
export function commonWorkspaceArgs(
  ctx: Context,
  ws: WorkspaceConfig | HubConfig,
  shared: SharedResourceIds | undefined,
  rgName: pulumi.Output<string>,
  tags: Record<string, string>,
) {
  return {
    resourceGroupName: rgName,
    location: ctx.location,
    baseName: azureNameOf(ws),
    nameSuffix: ctx.suffix,
    friendlyName: ws.friendlyName,
    description: ws.description,
    tags,
    sku: ws.sku,
    identity: ws.identity,
    publicNetworkAccess: ws.suspended ? ("Disabled" as const) : ws.publicNetworkAccess,
    managedNetwork: ws.managedNetwork,
    inbound: ws.privateEndpoint,
    provisionNetworkNow: ws.provisionNetworkNow,
    encryption: ws.encryption,
    shared,
    associated: shared
      ? undefined
      : { storage: ws.storage, keyVault: ws.keyVault, monitoring: ws.monitoring, containerRegistry: ws.containerRegistry },
    diagnostics: ws.diagnostics,
    serverlessComputeSubnetId: ws.serverlessCompute?.subnetId,
    serverlessComputeNoPublicIp: ws.serverlessCompute?.noPublicIp,
    protect: ws.protect,
    locks: ws.locks,
    tenantId: ctx.tenantId,
    subscriptionId: ctx.subscriptionId,
  };
}

/** Where a workspace's or hub's computes and connections go. */
export function siteOf(
  ctx: Context,
  ws: WorkspaceConfig | HubConfig,
  resource: pulumi.Resource,
  workspaceName: pulumi.Output<string>,
  rgName: pulumi.Output<string>,
  tags: Record<string, string>,
): ComputeSite {
  return {
    name: ws.name,
    resource,
    resourceGroupName: rgName,
    workspaceName,
    location: ctx.location,
    tenantId: ctx.tenantId,
    tags,
    managedNetwork: ws.managedNetwork?.isolationMode !== "Disabled",
    computes: ws.computes,
    connections: ws.connections,
  };
}
