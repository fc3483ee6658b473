import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { StackConfig, WorkspaceConfig } from "./config";
import { resourceGroupNameOf } from "./validate";
import { AccessContext, Scopes } from "./accessBindings";
import { Renamable } from "./renames";

/** What the program knows while it turns the config into components: the stack, and what it has created so far. */
export interface Context extends AccessContext {
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

/** Stack-wide tags, then each entry's own on top. */
export function tagsFor(ctx: Context, ...own: (Record<string, string> | undefined)[]): Record<string, string> {
  return Object.assign({}, ctx.config.tags, ...own);
}

/** The owner's resource group name: created once (unless `existing`), however many entries live in it. */
export function resourceGroup(
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

export const rgIdOf = (ctx: { subscriptionId: string }, rgName: pulumi.Input<string>) =>
  pulumi.interpolate`/subscriptions/${ctx.subscriptionId}/resourceGroups/${rgName}`;
