import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import {
  AssociatedResources,
  CustomRoles,
  EntraGroups,
  Hub,
  IdleCostReport,
  Project,
  SharedResourceIds,
  Workspace,
  naming,
  resourceGroupId,
} from "../components";
import { HubConfig, StackConfig, WorkspaceConfig } from "./config";
import { addCostVisibility } from "./costVisibility";
import { networkOutputsOf } from "./networkConfig";
import { resolveSharedInputs } from "./sharedInputs";
import { accessPlan, keyOf, materializationKeyOf } from "./accessPlan";
import { bindPlan } from "./accessBindings";
import { azureNameOf, registerRenames } from "./renames";
import { customRoleScopes } from "./customRoleScopes";
import { addComputeAndConnections, workspacePrincipal } from "./computeResources";
import { quotaSummary } from "./computeQuota";
import { Context, resourceGroup, rgIdOf, tagsFor } from "./programContext";
import { commonWorkspaceArgs, siteOf } from "./workspaceArgs";
import { buildShared } from "./sharedSet";

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
    suffix: naming.defaultNameSuffix(config.nameSeed),
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
  const idle = costVisibility(ctx, ws, rgName, tags, workspace.workspaceId, workspace.associated);
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
  const idle = costVisibility(ctx, hub, rgName, tags, component.hubId, component.associated);
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

/** Budget, usage workbook and idle costs of a workspace or hub, on what its associated resources have. */
function costVisibility(
  ctx: Context,
  entry: WorkspaceConfig | HubConfig,
  rgName: pulumi.Output<string>,
  tags: Record<string, string>,
  workspaceId: pulumi.Output<string>,
  associated: AssociatedResources,
): IdleCostReport {
  // The Azure names (and so the Pulumi names) of the budget and workbook keep deriving from the first name.
  return addCostVisibility({
    config: { ...entry, name: azureNameOf(entry) },
    resourceGroupName: rgName,
    resourceGroupId: rgIdOf(ctx, rgName),
    location: ctx.location,
    tags,
    workspaceId,
    logAnalyticsWorkspaceId: associated.logAnalyticsWorkspaceId,
    storageAccountId: associated.storageAccountId,
  });
}
