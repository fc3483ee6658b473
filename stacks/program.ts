import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { CustomRoles, EntraGroups } from "../components/access";
import { Hub } from "../components/hub";
import { Project } from "../components/project";
import { SharedResources } from "../components/sharedResources";
import { Workspace } from "../components/workspace";
import { SharedResourceIds } from "../components/workspaceCore";
import * as naming from "../components/naming";
import { resourceGroupId } from "../components/armId";
import { HubConfig, SharedConfig, StackConfig, WorkspaceConfig } from "./config";
import { addCostVisibility } from "./costVisibility";
import { networkOutputsOf } from "./networkConfig";
import { SHARED_OUTPUTS, resolveSharedInputs } from "./sharedInputs";
import { resourceGroupNameOf } from "./validate";
import { accessPlan, keyOf, materializationKeyOf } from "./accessPlan";
import { AccessContext, Scopes, bindPlan } from "./accessBindings";
import { Renamable, azureNameOf, registerRenames } from "./renames";
import { customRoleScopes } from "./customRoleScopes";
import { ComputeSite, addComputeAndConnections, workspacePrincipal } from "./computeResources";
import { quotaSummary } from "./computeQuota";

/** Turns validated stack config into components; returns the stack outputs. */
export async function runProgram(config: StackConfig): Promise<Record<string, unknown>> {
  const location = new pulumi.Config("azure-native").get("location");
  if (!location)
    throw new pulumi.RunError(
      "config azure-native:location is missing: set the Azure region, e.g. `pulumi config set azure-native:location westeurope`",
    );
  registerRenames(config);
  const shared = await resolveSharedInputs(config);
  const client = await authorization.getClientConfig();
  const ctx: Context = {
    config,
    location,
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    suffix: naming.stackSuffix(config.nameSeed ?? `${pulumi.getProject()}/${pulumi.getStack()}`),
    subscriptionId: client.subscriptionId,
    tenantId: client.tenantId,
    principals: {},
    identities: new Map(),
    customRoleIds: {},
    resourceGroups: new Map(),
    scopes: new Map(),
    sharedScopes: {},
  };
  // Resource groups first: custom roles are assignable at them, so they must exist before the definitions.
  for (const owner of [...(config.workspaces ?? []), ...(config.hubs ?? []), ...(config.shared ? [config.shared] : [])]) {
    resourceGroup(ctx, owner, tagsFor(ctx, "tags" in owner ? owner.tags : undefined));
  }
  if (config.groups && Object.keys(config.groups).length > 0) {
    ctx.principals = new EntraGroups("access-groups", { groups: config.groups }).objectIds;
  }
  if (config.customRoles && Object.keys(config.customRoles).length > 0) {
    ctx.customRoleIds = new CustomRoles("access-custom-roles", {
      subscriptionId: ctx.subscriptionId,
      project: ctx.project,
      stack: ctx.stack,
      roles: config.customRoles,
      defaultAssignableScopes: customRoleScopes(config, (name) => rgIdOf(ctx, ctx.resourceGroups.get(name) ?? name)),
    }).ids;
  }
  const outputs: Record<string, unknown> = {};
  if (config.shared) Object.assign(outputs, buildShared(ctx, config.shared));
  const workspaces = (config.workspaces ?? []).map((ws) => buildWorkspace(ctx, ws, shared.get(ws.name)));
  if (workspaces.length) outputs.workspaces = Object.fromEntries(workspaces);
  const hubs = (config.hubs ?? []).map((hub) => buildHub(ctx, hub, shared.get(hub.name)));
  if (hubs.length) outputs.hubs = Object.fromEntries(hubs);
  bindPlan(ctx, accessPlan(config), rgIdOf);
  // docs/azure-rules/compute.md AZ-COMPUTE-09: the compute quota the stack asks for.
  const quota = quotaSummary(config);
  if (quota) outputs.computeQuota = quota;
  return outputs;
}

interface Context extends AccessContext {
  config: StackConfig;
  location: string;
  project: string;
  stack: string;
  suffix: string;
  subscriptionId: string;
  tenantId: string;
  /** Each resource group's name output, created once. */
  resourceGroups: Map<string, pulumi.Output<string>>;
  scopes: Map<string, Scopes>;
  sharedScopes: Record<string, pulumi.Input<string>>;
}

function tagsFor(ctx: Context, ...own: (Record<string, string> | undefined)[]): Record<string, string> {
  return Object.assign({}, ctx.config.tags, ...own);
}

function resourceGroup(
  ctx: Context,
  owner: Renamable & { resourceGroup?: WorkspaceConfig["resourceGroup"]; protect?: boolean },
  tags: Record<string, string>,
): pulumi.Output<string> {
  const rgName = resourceGroupNameOf(owner);
  const created = ctx.resourceGroups.get(rgName);
  if (created) return created;
  if (owner.resourceGroup?.existing) return pulumi.output(rgName);
  const group = new resources.ResourceGroup(
    `${owner.name}-rg`,
    { resourceGroupName: rgName, location: ctx.location, tags },
    { protect: owner.protect ?? true },
  ).name;
  ctx.resourceGroups.set(rgName, group);
  return group;
}

const rgIdOf = (ctx: { subscriptionId: string }, rgName: pulumi.Input<string>) =>
  pulumi.interpolate`/subscriptions/${ctx.subscriptionId}/resourceGroups/${rgName}`;

function commonWorkspaceArgs(
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

function buildWorkspace(ctx: Context, ws: WorkspaceConfig, shared: SharedResourceIds | undefined): [string, Record<string, unknown>] {
  const tags = tagsFor(ctx, ws.tags);
  const rgName = resourceGroup(ctx, ws, tags);
  const workspace = new Workspace(ws.name, {
    ...commonWorkspaceArgs(ctx, ws, shared, rgName, tags),
    hbiWorkspace: ws.hbi,
    systemDatastoresAuthMode: ws.systemDatastoresAuthMode,
    datastores: ws.datastores,
    featureStore: ws.featureStore,
  });
  const wsKey = keyOf({ kind: "workspace", name: azureNameOf(ws) });
  ctx.identities.set(wsKey, workspacePrincipal(workspace, ws.identity, workspace.principalId));
  const mi = workspace.materializationPrincipalId;
  if (mi) ctx.identities.set(materializationKeyOf({ kind: "workspace", name: azureNameOf(ws) }), mi);
  const compute = addComputeAndConnections(siteOf(ctx, ws, workspace, workspace.workspaceName, rgName, tags));
  ctx.scopes.set(wsKey, {
    id: workspace.workspaceId,
    guid: workspace.workspaceGuid,
    storageId: workspace.storageAccountId,
    datastoreContainers: workspace.datastoreContainerIds,
  });
  // The Azure names (and so the Pulumi names) of the budget and workbook keep deriving from the first name.
  const idle = addCostVisibility({
    config: { ...ws, name: azureNameOf(ws) },
    resourceGroupName: rgName,
    resourceGroupId: rgIdOf(ctx, rgName),
    location: ctx.location,
    tags,
    workspaceId: workspace.workspaceId,
    logAnalyticsWorkspaceId: workspace.logAnalyticsWorkspaceId,
    storageAccountId: workspace.storageAccountId,
  });
  return [
    ws.name,
    {
      idleCosts: idle,
      workspaceId: workspace.workspaceId,
      workspaceName: workspace.workspaceName,
      studioUrl: workspace.studioUrl,
      resourceGroupName: rgName,
      storageAccountId: workspace.storageAccountId,
      keyVaultId: workspace.keyVaultId,
      applicationInsightsId: workspace.applicationInsightsId,
      containerRegistryId: workspace.containerRegistryId,
      ...networkOutputsOf(ws, workspace.workspaceName, rgName),
      ...compute,
    },
  ];
}

function buildHub(ctx: Context, hub: HubConfig, shared: SharedResourceIds | undefined): [string, Record<string, unknown>] {
  const tags = tagsFor(ctx, hub.tags);
  const rgName = resourceGroup(ctx, hub, tags);
  const rgId = rgIdOf(ctx, rgName);
  const component = new Hub(hub.name, {
    ...commonWorkspaceArgs(ctx, hub, shared, rgName, tags),
    additionalWorkspaceStorageAccounts: hub.additionalWorkspaceStorageAccounts,
    defaultProjectResourceGroup: hub.defaultProjectResourceGroup && resourceGroupId(ctx.subscriptionId, hub.defaultProjectResourceGroup),
  });
  const hubKey = keyOf({ kind: "hub", name: azureNameOf(hub) });
  ctx.identities.set(hubKey, workspacePrincipal(component, hub.identity, component.principalId));
  // Projects create no computes or connections: they use the hub's (docs/azure-rules/compute.md AZ-COMPUTE-06).
  const hubCompute = addComputeAndConnections(siteOf(ctx, hub, component, component.hubName, rgName, tags));
  ctx.scopes.set(hubKey, {
    id: component.hubId,
    guid: component.workspaceGuid,
    storageId: component.associated.storageAccountId,
  });
  const projects: Record<string, Record<string, pulumi.Output<unknown>>> = {};
  for (const project of hub.projects ?? []) {
    const suspended = hub.suspended || project.suspended;
    const prj = new Project(project.name, {
      hubResourceId: component.hubId,
      location: component.location,
      resourceGroupName: rgName,
      baseName: azureNameOf(project),
      nameSuffix: ctx.suffix,
      friendlyName: project.friendlyName,
      description: project.description,
      tags: tagsFor(ctx, hub.tags, project.tags),
      identity: project.identity,
      sku: project.sku,
      publicNetworkAccess: suspended ? "Disabled" : project.publicNetworkAccess,
      protect: project.protect,
    });
    ctx.scopes.set(keyOf({ kind: "project", hub: azureNameOf(hub), name: azureNameOf(project) }), {
      id: prj.projectId,
      guid: prj.workspaceGuid,
      storageId: component.associated.storageAccountId,
    });
    projects[project.name] = { projectId: prj.projectId, projectName: prj.projectName, studioUrl: prj.studioUrl };
  }
  const idle = addCostVisibility({
    config: { ...hub, name: azureNameOf(hub) },
    resourceGroupName: rgName,
    resourceGroupId: rgId,
    location: ctx.location,
    tags,
    workspaceId: component.hubId,
    logAnalyticsWorkspaceId: component.associated.logAnalyticsWorkspaceId,
    storageAccountId: component.associated.storageAccountId,
  });
  return [
    hub.name,
    {
      idleCosts: idle,
      hubId: component.hubId,
      ...networkOutputsOf(hub, component.hubName, rgName),
      hubName: component.hubName,
      studioUrl: component.studioUrl,
      resourceGroupName: rgName,
      projects,
      ...hubCompute,
    },
  ];
}

function siteOf(
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

function buildShared(ctx: Context, shared: SharedConfig): Record<string, unknown> {
  const tags = tagsFor(ctx);
  const rgName = resourceGroup(ctx, shared, tags);
  const set = new SharedResources(shared.name, {
    resourceGroupName: rgName,
    location: ctx.location,
    baseName: azureNameOf(shared),
    nameSuffix: ctx.suffix,
    tenantId: ctx.tenantId,
    tags,
    storage: shared.storage,
    keyVault: shared.keyVault,
    monitoring: shared.monitoring,
    containerRegistry: shared.containerRegistry,
    locks: shared.locks,
    protect: shared.protect,
  });
  ctx.sharedScopes = {
    storage: set.storageAccountId,
    keyVault: set.keyVaultId,
    containerRegistry: set.containerRegistryId,
    applicationInsights: set.applicationInsightsId,
    resourceGroup: rgIdOf(ctx, rgName),
  };
  // Consumers read these by StackReference.
  return {
    resourceGroupName: rgName,
    location: ctx.location,
    [SHARED_OUTPUTS.storageAccount]: set.storageAccountId,
    [SHARED_OUTPUTS.keyVault]: set.keyVaultId,
    [SHARED_OUTPUTS.applicationInsights]: set.applicationInsightsId,
    [SHARED_OUTPUTS.containerRegistry]: set.containerRegistryId,
    [SHARED_OUTPUTS.logAnalyticsWorkspace]: set.logAnalyticsWorkspaceId,
  };
}
